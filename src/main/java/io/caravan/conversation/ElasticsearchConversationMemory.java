package io.caravan.conversation;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caravan.answer.Answer;
import io.caravan.answer.Question;
import io.caravan.answer.Turn;
import io.caravan.index.IndexUnavailableException;
import io.caravan.index.elasticsearch.StateIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@link ConversationMemory} of {@code caravan.store=elasticsearch}: one document per session in the index
 * behind {@code <alias>-conversations}, shared by every instance on the alias (docs/operations.md#scale-out). Its id
 * is a digest of the session key ({@link SessionKey#digest()}), so the index holds no caller or group name; the
 * document holds the turns and when the session expires.
 *
 * <p><b>Turns.</b> A new turn is appended to the session as stored, written back only if nobody wrote it meanwhile
 * ({@code if_seq_no}/{@code if_primary_term}), else read again: two instances answering the same session at once both
 * keep their turn, and the window of {@code maxTurns} holds the newest.
 *
 * <p><b>Expiry.</b> Each remembered turn sets {@code expires_at} to now + {@code ttl}; a read ignores a session past
 * it, and a turn remembered for it starts the session afresh. Reads do not extend it (a write per question would
 * double the cost): since every answered question is remembered right after its history was read, the TTL still
 * runs from the session's last answered question; only a question that fails after reading does not extend it, where
 * the in-memory memory would. Expired sessions are deleted by each instance at most once a {@code ttl}, on a
 * remembered turn: a search for them and a conditional bulk delete (a minimal node has no delete-by-query).
 * {@code caravan.conversation.max-sessions} does not apply: expiry bounds the index.
 *
 * <p><b>Outages.</b> {@link #history} throws {@link IndexUnavailableException} (the question is answered 503, as its
 * retrieval would be); {@link #remember} logs a warning and drops the turn rather than fail an answer already made.
 * Thread safe.
 */
public final class ElasticsearchConversationMemory implements ConversationMemory {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchConversationMemory.class);
    private static final String TURNS = "turns";
    private static final String QUESTION = "question";
    private static final String ANSWER = "answer";
    private static final String EXPIRES_AT = "expires_at";
    private static final String UPDATED_AT = "updated_at";
    /** Rounds of read and conditional write before a turn is given up. */
    private static final int MAX_ATTEMPTS = 16;
    /** Expired sessions deleted per purge request. */
    private static final int PURGE_PAGE = 1_000;

    private final StateIndex index;
    private final int maxTurns;
    private final Duration ttl;
    private final Clock clock;
    /** When this instance next deletes expired sessions. Guarded by this. */
    private Instant nextPurge;

    /**
     * @param client the Java API client; the memory does not close it
     * @param alias  the conversations' alias ({@link StateIndex#conversationsAlias(String)} of the chunks' alias)
     */
    public ElasticsearchConversationMemory(ElasticsearchClient client, String alias, int maxTurns, Duration ttl) {
        this(client, alias, maxTurns, ttl, Clock.systemUTC());
    }

    ElasticsearchConversationMemory(ElasticsearchClient client, String alias, int maxTurns, Duration ttl,
                                    Clock clock) {
        if (maxTurns < 1) {
            throw new IllegalStateException("caravan.conversation.max-turns must be at least 1, was " + maxTurns);
        }
        this.index = new StateIndex(client, alias, indexBody());
        this.maxTurns = maxTurns;
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nextPurge = clock.instant().plus(ttl);
    }

    @Override
    public List<Turn> history(Question question, String caller) {
        if (question.sessionId() == null) {
            return List.of();
        }
        return read(SessionKey.of(question, caller).digest()).turns();
    }

    @Override
    public void remember(Question standalone, Answer answer, String caller) {
        if (standalone.sessionId() == null) {
            return;
        }
        String id = SessionKey.of(standalone, caller).digest();
        Turn turn = new Turn(standalone.text(), answer.answer());
        try {
            append(id, turn);
            purgeWhenDue();
        } catch (IndexUnavailableException e) {
            LOG.warn("the turn of session requestId={} is not remembered: {}", standalone.requestId(),
                    e.getMessage());
        }
    }

    private void append(String id, Turn turn) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Session current = read(id);
            List<Turn> turns = new ArrayList<>(current.turns());
            turns.add(turn);
            Instant now = clock.instant();
            ObjectNode source = source(turns.subList(Math.max(0, turns.size() - maxTurns), turns.size()),
                    now.plus(ttl), now);
            boolean written = index.writeIfUnchanged(id, source, current.found(), current.seqNo(),
                    current.primaryTerm());
            if (written) {
                return;
            }
        }
        throw new IndexUnavailableException("the session in " + index.alias() + " kept changing under "
                + MAX_ATTEMPTS + " attempts to add a turn", null);
    }

    /** The session as stored now, with no turns when it is missing or expired. */
    private Session read(String id) {
        GetResponse<ObjectNode> got = index.call("read", client -> client.get(g -> g.index(index.alias()).id(id)
                .realtime(true), ObjectNode.class));
        if (!got.found() || got.source() == null) {
            return new Session(false, 0, 0, List.of());
        }
        ObjectNode source = got.source();
        JsonNode expires = source.get(EXPIRES_AT);
        boolean expired = expires == null || !Instant.parse(expires.asText()).isAfter(clock.instant());
        List<Turn> turns = new ArrayList<>();
        if (!expired) {
            for (JsonNode turn : source.path(TURNS)) {
                turns.add(new Turn(turn.path(QUESTION).asText(), turn.path(ANSWER).asText()));
            }
        }
        return new Session(true, got.seqNo(), got.primaryTerm(), List.copyOf(turns));
    }

    /** Deletes the sessions expired by now, at most once a {@code ttl} per instance; a failure waits for the next. */
    private void purgeWhenDue() {
        Instant now = clock.instant();
        synchronized (this) {
            if (now.isBefore(nextPurge)) {
                return;
            }
            nextPurge = now.plus(ttl);
        }
        try {
            index.call("delete expired sessions from", client -> {
                while (true) {
                    SearchResponse<Void> page = client.search(s -> s.index(index.alias()).size(PURGE_PAGE)
                            .source(src -> src.fetch(false)).seqNoPrimaryTerm(true).trackTotalHits(t -> t
                                    .enabled(false))
                            .query(q -> q.range(r -> r.date(d -> d.field(EXPIRES_AT).lte(now.toString())))),
                            Void.class);
                    var hits = page.hits().hits();
                    if (hits.isEmpty()) {
                        return null;
                    }
                    List<BulkOperation> deletions = hits.stream().map(hit -> BulkOperation.of(b -> b.delete(d -> d
                            .index(index.alias()).id(hit.id()).ifSeqNo(hit.seqNo())
                            .ifPrimaryTerm(hit.primaryTerm())))).toList();
                    // a session renewed since the search fails its item (409) and stays
                    BulkResponse deleted = client.bulk(b -> b.operations(deletions).refresh(
                            Refresh.True));
                    LOG.debug("deleted expired sessions from {} (errors: {})", index.alias(), deleted.errors());
                    if (hits.size() < PURGE_PAGE) {
                        return null;
                    }
                }
            });
        } catch (IndexUnavailableException e) {
            LOG.debug("expired sessions stay until the next purge: {}", e.getMessage());
        }
    }

    private static ObjectNode source(List<Turn> turns, Instant expiresAt, Instant updatedAt) {
        ObjectNode source = JsonNodeFactory.instance.objectNode();
        ArrayNode stored = source.putArray(TURNS);
        for (Turn turn : turns) {
            stored.addObject().put(QUESTION, turn.question()).put(ANSWER, turn.answer());
        }
        source.put(EXPIRES_AT, expiresAt.toString());
        source.put(UPDATED_AT, updatedAt.toString());
        return source;
    }

    /** One primary, a replica where there is a second node; turns stored, not indexed; the dates indexed. */
    private static ObjectNode indexBody() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode settings = body.putObject("settings").putObject("index");
        settings.put("number_of_shards", 1);
        settings.put("auto_expand_replicas", "0-1");
        ObjectNode mappings = body.putObject("mappings");
        mappings.put("dynamic", "strict");
        ObjectNode properties = mappings.putObject("properties");
        properties.putObject(TURNS).put("type", "object").put("enabled", false);
        properties.putObject(EXPIRES_AT).put("type", "date");
        properties.putObject(UPDATED_AT).put("type", "date");
        return body;
    }

    /** A stored session and its version, or none ({@code found} false). */
    private record Session(boolean found, long seqNo, long primaryTerm, List<Turn> turns) {
    }
}
