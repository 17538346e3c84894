package io.caravan.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.answer.Turn;
import io.caravan.index.elasticsearch.ElasticsearchConnection;
import io.caravan.index.elasticsearch.StateIndex;
import io.caravan.it.ElasticsearchNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The conversation contract on a real Elasticsearch node (the test harness's), each test on its own alias, plus what
 * only shared conversations show: two instances continuing one session, and nothing of the caller in the index.
 */
class ElasticsearchConversationMemoryIT extends ConversationMemoryContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger TESTS = new AtomicInteger();
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final ElasticsearchNode node = ElasticsearchNode.shared();
    private final String chunks = "caravan-conv-it-" + TESTS.incrementAndGet() + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    private final List<RestClient> clients = new ArrayList<>();
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return T0.plusNanos(nanos.get());
        }
    };

    @Override
    protected ConversationMemory newMemory(int maxTurns, Duration ttl, long maxSessions) {
        return new ElasticsearchConversationMemory(client(), StateIndex.conversationsAlias(chunks), maxTurns, ttl,
                clock);
    }

    private ElasticsearchClient client() {
        RestClient rest = ElasticsearchConnection.to(node.url().toString(), Duration.ofSeconds(30)).openRestClient();
        clients.add(rest);
        return ElasticsearchConnection.apiClient(rest, JSON);
    }

    @AfterEach
    void deleteIndices() throws Exception {
        for (RestClient rest : clients) {
            rest.close();
        }
        node.request("DELETE", chunks + "*", null);
    }

    @Test
    void should_continue_a_session_on_another_instance() {
        // given: two Caravans behind one load balancer
        ConversationMemory first = newMemory(5, Duration.ofMinutes(30), 100);
        ConversationMemory second = newMemory(5, Duration.ofMinutes(30), 100);
        first.remember(question("Does aspirin prevent heart attacks?", "s1", Set.of("staff")), answer("Yes."),
                "principal:ann");

        // when: the follow-up reaches the other one
        List<Turn> history = second.history(question("And in children?", "s1", Set.of("staff")), "principal:ann");

        // then
        assertThat(history).containsExactly(new Turn("Does aspirin prevent heart attacks?", "Yes."));
    }

    @Test
    void should_keep_every_turn_when_two_instances_answer_one_session_at_once() throws Exception {
        // given
        ConversationMemory first = newMemory(100, Duration.ofMinutes(30), 100);
        ConversationMemory second = newMemory(100, Duration.ofMinutes(30), 100);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // when
            List<Callable<Void>> writers = new ArrayList<>();
            for (ConversationMemory memory : List.of(first, second)) {
                String name = memory == first ? "first" : "second";
                writers.add(() -> {
                    for (int i = 0; i < 15; i++) {
                        memory.remember(question(name + i, "s1", Set.of("public")), answer("a"), "address:1");
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(writers)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }

        // then: all 30, each instance's in its order
        List<Turn> turns = first.history(question("q", "s1", Set.of("public")), "address:1");
        assertThat(turns).hasSize(30);
        assertThat(turns.stream().map(Turn::question).filter(q -> q.startsWith("first")))
                .containsExactly(IntStream.range(0, 15).mapToObj(i -> "first" + i)
                        .toArray(String[]::new));
    }

    @Test
    void should_store_no_caller_or_group_name() {
        // given
        ConversationMemory memory = newMemory(5, Duration.ofMinutes(30), 100);

        // when
        memory.remember(question("budget?", "s1", Set.of("finance-secret")), answer("120"), "principal:ann");

        // then
        node.request("POST", chunks + "-conversations/_refresh", null);
        String stored = node.request("GET", chunks + "-conversations/_search", null).body();
        assertThat(stored).contains("budget?").doesNotContain("principal:ann").doesNotContain("finance-secret");
    }

    @Test
    void should_delete_expired_sessions_once_a_ttl_has_passed() {
        // given: one session expired, then a turn remembered a ttl later
        ConversationMemory memory = newMemory(5, Duration.ofMinutes(30), 100);
        memory.remember(question("old", "s-old", Set.of("public")), answer("a"), "address:1");
        nanos.addAndGet(Duration.ofMinutes(31).toNanos());
        node.request("POST", chunks + "-conversations/_refresh", null);

        // when
        memory.remember(question("new", "s-new", Set.of("public")), answer("a"), "address:1");

        // then: only the live session is left
        node.request("POST", chunks + "-conversations/_refresh", null);
        String count = node.request("GET", chunks + "-conversations/_count", null).body();
        assertThat(count).contains("\"count\":1");
    }
}
