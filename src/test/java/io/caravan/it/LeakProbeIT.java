package io.caravan.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.caravan.it.RunningCaravan.await;
import static io.caravan.it.RunningCaravan.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance probe of issue 15 (access control end to end): two groups of restricted documents carry unique
 * canary words; an outsider asks over a thousand questions made of those documents' own sentences over HTTP (plain
 * and streamed), search and JMS, each after the insider of the document's group asked it on the same channel (so the
 * answer cache holds the insider's answer), lists and probes the documents and provokes errors, and not one canary,
 * restricted docId or content hash reaches it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeakProbeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every canary of either restricted group: {@code zqhr0137k} (hr), {@code zqfn4402m} (finance). */
    private static final Pattern CANARY = Pattern.compile("zq(?:hr|fn)\\d{4}[a-z]", Pattern.CASE_INSENSITIVE);
    private static final String HR = "hr";
    private static final String FINANCE = "finance";
    private static final long SEED = 15;
    private static final int DOCS_PER_GROUP = 20;
    private static final int PUBLIC_DOCS = 12;
    private static final int HTTP_QUESTIONS = 300;
    private static final int STREAMED_QUESTIONS = 250;
    private static final int SEARCHES = 300;
    private static final int JMS_QUESTIONS = 200;
    private static final int MAX_QUESTION_CHARS = 2000;
    private static final long RECEIVE_MS = 60_000;
    private static final int CLIENT_THREADS = 3;

    @TempDir
    static Path data;
    @TempDir
    static Path inbox;
    @TempDir
    static Path etc;

    private final CanaryCorpus corpus = CanaryCorpus.generate(SEED);
    private final Tally tally = new Tally();
    private RunningCaravan caravan;
    private Path keyFile;
    private String admin;
    private String hrInsider;
    private String hrInsiderKeyId;
    private String financeInsider;
    private String outsider;
    private String outsiderEditor;
    /** The content hashes of the restricted documents, as the ledger holds them: secrets like the canaries. */
    private Set<String> restrictedHashes;

    @BeforeAll
    void start() throws Exception {
        keyFile = etc.resolve("keys.json");
        admin = createKey("root", "public", "admin").key();
        KeysCli.Created hr = createKey("hana", HR, "reader");
        hrInsider = hr.key();
        hrInsiderKeyId = hr.id();
        financeInsider = createKey("fiona", FINANCE, "reader").key();
        outsider = createKey("olaf", "public,staff", "reader").key();
        outsiderEditor = createKey("oscar", "public,staff", "editor").key();
        corpus.writeTo(inbox);
        RunningCaravan.Started started = RunningCaravan.start(data, inbox, Map.of(
                        "caravan.auth.api-keys-file", keyFile.toString(),
                        "caravan.auth.failure-limit", "100000",
                        "caravan.ask.rate-limit-per-minute", "0",
                        "caravan.ask.max-question-chars", Integer.toString(MAX_QUESTION_CHARS),
                        "caravan.cache.enabled", "true",
                        "caravan.sources.file.acl-rules", "hr/**=hr;finance/**=finance",
                        "caravan.sources.file.acl", "public"),
                notify -> notify.fromRoute("source-file").whenCompleted(corpus.documentCount()));
        caravan = started.caravan();
        await(started.expectation(), 180);
        restrictedHashes = restrictedDocumentsAsTheAdminSeesThem();
    }

    @AfterAll
    void stop() {
        if (caravan != null) {
            caravan.close();
        }
    }

    @Test
    void should_show_an_outsider_no_canary_over_any_channel_after_the_insiders_warmed_the_answer_cache()
            throws Exception {
        // given: the questions, each made of one restricted document's own words, dealt out to the channels
        List<Probe> probes = corpus.probes(new Random(SEED));
        int needed = HTTP_QUESTIONS + STREAMED_QUESTIONS + SEARCHES + JMS_QUESTIONS;
        assertThat(probes).as("distinct questions").hasSizeGreaterThanOrEqualTo(needed);
        List<Probe> plain = probes.subList(0, HTTP_QUESTIONS);
        List<Probe> streamed = probes.subList(HTTP_QUESTIONS, HTTP_QUESTIONS + STREAMED_QUESTIONS);
        List<Probe> searches = probes.subList(HTTP_QUESTIONS + STREAMED_QUESTIONS, needed - JMS_QUESTIONS);
        List<Probe> overJms = probes.subList(needed - JMS_QUESTIONS, needed);
        long start = System.nanoTime();

        // when: on every channel the insider asks first, then the outsider the very same question
        inParallel(plain, this::askPlain);
        insidersGetTheirCachedAnswers(plain.subList(0, 20));
        inParallel(streamed, this::askStreamed);
        inParallel(searches, this::search);
        askOverJms(overJms);
        inParallel(corpus.restricted(), this::continueTheInsidersConversation);
        inParallel(corpus.restricted(), this::provokeErrors);
        probeDocuments();
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

        // then
        System.out.printf("leak probe: http=%d stream=%d search=%d jms=%d documents=%d errors=%d sessions=%d"
                        + " leaks=%d (events=%d; outsider answers with citations=%d; insiders saw their canaries in"
                        + " %s; %ds)%n", tally.asked("http"), tally.asked("stream"), tally.asked("search"),
                tally.asked("jms"), tally.asked("documents"), tally.asked("errors"), tally.asked("sessions"),
                tally.leaks.size(), tally.events.get(), tally.outsiderCited.get(), tally.insiderSightings(), seconds);
        assertThat(tally.leaks.size()).as("what reached a caller outside the restricted groups, first: %s",
                first(tally.leaks)).isZero();
        assertThat(tally.problems.size()).as("replies that were not what the probe expects, first: %s",
                first(tally.problems)).isZero();
        assertThat(tally.asked("http")).isGreaterThanOrEqualTo(HTTP_QUESTIONS);
        assertThat(tally.asked("stream")).isGreaterThanOrEqualTo(STREAMED_QUESTIONS);
        assertThat(tally.asked("search")).isGreaterThanOrEqualTo(SEARCHES);
        assertThat(tally.asked("jms")).isGreaterThanOrEqualTo(JMS_QUESTIONS);
        assertThat(tally.asked("http") + tally.asked("stream") + tally.asked("search") + tally.asked("jms"))
                .isGreaterThanOrEqualTo(1000);
        // the probe can fail: the same questions show the insiders their canaries on every channel
        for (String channel : List.of("http", "stream", "search", "jms", "filters", "sessions")) {
            assertThat(tally.insiderAsked(channel)).as("insider questions on " + channel).isPositive();
            assertThat(tally.insiderSaw(channel)).as("insider replies with a canary of its group on " + channel)
                    .isGreaterThanOrEqualTo(tally.insiderAsked(channel) * 9 / 10);
        }
        // and the outsider was answered, from the public documents, not just refused
        assertThat(tally.outsiderCited.get()).isGreaterThanOrEqualTo(
                (HTTP_QUESTIONS + STREAMED_QUESTIONS + JMS_QUESTIONS) / 2);
    }

    @Test
    void should_answer_a_jms_question_with_the_groups_of_the_connections_key_not_those_the_message_claims()
            throws Exception {
        // given: a question the hr insider gets an hr passage for over JMS
        RestrictedDoc memo = corpus.restricted().get(0);
        // worded unlike every question of the other test, so neither finds the other's answer in the cache
        String question = "Tell me this: " + memo.sentences().get(0);
        JsonNode insiders = parse(askOverJms("hana", hrInsider,
                Map.of("claim-0", JSON.writeValueAsString(Map.of("question", question))), Map.of()).get("claim-0")
                .text());
        assertThat(docIdsOf(insiders.get("citations"))).contains(memo.docId());
        assertThat(insiders.toString()).contains(memo.canaries().get(0));

        // when: the outsider's connection sends it claiming hr in the JSON and in properties, even as the
        // hr insider's key id in the validated-user property the broker stamps
        String claimsGroups = JSON.writeValueAsString(Map.of("question", question, "groups", List.of(HR)));
        String claimsEverything = JSON.writeValueAsString(Map.of("question", question, "groups", List.of(HR),
                "principal", "hana", "role", "admin", "filters", Map.of("docId", memo.docId())));
        Map<String, String> properties = Map.of("groups", HR, "CaravanGroups", HR, "CaravanPrincipal", "hana",
                "JMSXUserID", hrInsiderKeyId);
        Map<String, JmsReply> replies = askOverJms("olaf", outsider, Map.of("claim-1", claimsGroups,
                "claim-2", claimsEverything, "claim-3", question), properties);

        // then
        assertThat(replies).hasSize(3);
        replies.forEach((id, reply) -> {
            assertThat(reply.text()).as(id).doesNotContainPattern(CANARY).doesNotContain(memo.docId());
            assertThat(reply.properties()).as(id).doesNotContainPattern(CANARY);
            JsonNode answer = parse(reply.text());
            assertThat(answer.has("error")).as(reply.text()).isFalse();
            assertThat(docIdsOf(answer.get("citations"))).as(id).allMatch(d -> d.startsWith("public/"));
        });
    }

    // ---- the channels

    private void askPlain(Probe probe) {
        Map<String, Object> body = Map.of("question", probe.question());
        insiderSaw("http", probe.doc(), ask(insiderOf(probe.doc()), body, false));
        HttpResponse<String> reply = ask(outsider, body, false);
        tally.count("http");
        if (expect("http", probe.question(), reply, 200)) {
            inspect("http", probe.question(), reply.body(), true);
            inspectAnswer("http", probe.question(), json(reply), true);
        }
    }

    /** The warm cache the outsider asked past: the insiders' answers are still there, canaries and all. */
    private void insidersGetTheirCachedAnswers(List<Probe> probes) {
        for (Probe probe : probes) {
            HttpResponse<String> again = ask(insiderOf(probe.doc()), Map.of("question", probe.question()), false);
            if (!json(again).path("cached").asBoolean() || !CANARY.matcher(again.body()).find()) {
                tally.problems.add("the insider's answer was not served from the cache with its canaries: "
                        + probe.question() + " -> " + abbreviate(again.body()));
            }
        }
    }

    private void askStreamed(Probe probe) {
        Map<String, Object> body = Map.of("question", probe.question());
        insiderSaw("stream", probe.doc(), ask(insiderOf(probe.doc()), body, true));
        HttpResponse<String> reply = ask(outsider, body, true);
        tally.count("stream");
        if (!expect("stream", probe.question(), reply, 200)) {
            return;
        }
        List<RunningCaravan.Event> events = RunningCaravan.events(reply);
        int leaksBefore = tally.leaks.size();
        for (RunningCaravan.Event event : events) {
            tally.events.incrementAndGet();
            inspect("stream event " + event.name(), probe.question(), event.data().toString(), true);
        }
        if (tally.leaks.size() == leaksBefore) {
            // what no event parsed
            inspect("stream", probe.question(), reply.body(), true);
        }
        RunningCaravan.Event last = events.isEmpty() ? null : events.get(events.size() - 1);
        if (last == null || !last.name().equals("done")) {
            tally.problems.add("stream without a done event: " + probe.question() + " -> " + abbreviate(reply.body()));
        } else {
            inspectAnswer("stream", probe.question(), last.data(), true);
        }
    }

    private void search(Probe probe) {
        String path = "/api/search?q=" + URLEncoder.encode(probe.question(), StandardCharsets.UTF_8) + "&k=10";
        insiderSaw("search", probe.doc(), get(insiderOf(probe.doc()), path));
        HttpResponse<String> reply = get(outsider, path);
        tally.count("search");
        if (expect("search", probe.question(), reply, 200)) {
            inspect("search", probe.question(), reply.body(), true);
            for (String docId : docIdsOf(json(reply).get("hits"))) {
                if (!docId.startsWith("public/")) {
                    tally.leak("search", probe.question(), "a hit of " + docId);
                }
            }
        }
    }

    /** The insiders' questions pipelined on their connections, then the outsider's on its own, plain text or JSON. */
    private void askOverJms(List<Probe> probes) throws Exception {
        Map<String, Map<String, String>> insiderQuestions = Map.of(HR, new LinkedHashMap<>(),
                FINANCE, new LinkedHashMap<>());
        Map<String, String> outsiderQuestions = new LinkedHashMap<>();
        Map<String, Probe> probeOf = new LinkedHashMap<>();
        for (int i = 0; i < probes.size(); i++) {
            Probe probe = probes.get(i);
            String body = i % 2 == 0 ? probe.question() : JSON.writeValueAsString(Map.of("question", probe.question()));
            insiderQuestions.get(probe.doc().group()).put("q-" + i, body);
            outsiderQuestions.put("q-" + i, body);
            probeOf.put("q-" + i, probe);
        }
        Map<String, JmsReply> insiderReplies = new LinkedHashMap<>(askOverJms("hana", hrInsider,
                insiderQuestions.get(HR), Map.of()));
        insiderReplies.putAll(askOverJms("fiona", financeInsider, insiderQuestions.get(FINANCE), Map.of()));
        insiderReplies.forEach((id, reply) -> insiderSaw("jms", probeOf.get(id).doc(), reply.text()));
        // errors over JMS too: restricted text over the length limit, a filter on a restricted document
        for (RestrictedDoc doc : corpus.restricted()) {
            outsiderQuestions.put("too-long-" + doc.docId(), doc.overLengthQuestion(MAX_QUESTION_CHARS));
            outsiderQuestions.put("filtered-" + doc.docId(), JSON.writeValueAsString(Map.of(
                    "question", doc.sentences().get(2), "filters", Map.of("docId", doc.docId()))));
        }

        Map<String, JmsReply> replies = askOverJms("olaf", outsider, outsiderQuestions, Map.of());

        replies.forEach((id, reply) -> {
            String question = probeOf.containsKey(id) ? probeOf.get(id).question() : id;
            boolean error = id.startsWith("too-long-");
            tally.count(probeOf.containsKey(id) ? "jms" : "errors");
            inspect("jms", question, reply.text(), true);
            inspect("jms properties", question, reply.properties(), true);
            JsonNode answer = parse(reply.text());
            if (error) {
                if (!answer.at("/error/code").asText().equals("payload_too_large")) {
                    tally.problems.add("jms " + id + ": not refused as too large: " + abbreviate(reply.text()));
                }
            } else if (answer.has("error")) {
                tally.problems.add("jms " + id + ": an error: " + abbreviate(reply.text()));
            } else {
                inspectAnswer("jms", question, answer, probeOf.containsKey(id));
            }
        });
    }

    /** The outsider names the sessionId an insider's conversation about a restricted document runs under. */
    private void continueTheInsidersConversation(RestrictedDoc doc) {
        String sessionId = "session-" + doc.docId().replace('/', '-');
        HttpResponse<String> opened = ask(insiderOf(doc), Map.of("question", doc.sentences().get(0),
                "sessionId", sessionId), false);
        insiderSaw("sessions", doc, opened);
        for (String followUp : List.of("And what is the code name of that memo?",
                "What else does it say about " + doc.topic() + " for the " + doc.team() + " team?")) {
            HttpResponse<String> reply = ask(outsider, Map.of("question", followUp, "sessionId", sessionId), false);
            tally.count("sessions");
            if (expect("sessions", followUp, reply, 200)) {
                inspect("sessions", followUp, reply.body(), true);
                inspectAnswer("sessions", followUp, json(reply), false);
            }
        }
    }

    /** Requests refused or narrowed to a restricted document, each carrying its canaries: no reply echoes them. */
    private void provokeErrors(RestrictedDoc doc) {
        String tooLong = doc.overLengthQuestion(MAX_QUESTION_CHARS);
        String withCanary = doc.sentences().get(2);
        refused("too long", tooLong, ask(outsider, Map.of("question", tooLong), false), 413);
        refused("too long, streamed", tooLong, ask(outsider, Map.of("question", tooLong), true), 413);
        refused("topK 0", withCanary, ask(outsider, Map.of("question", withCanary, "topK", 0), false), 400);
        refused("search k 0", withCanary, get(outsider, "/api/search?k=0&q="
                + URLEncoder.encode(withCanary, StandardCharsets.UTF_8)), 400);
        refused("malformed JSON", withCanary, askRaw(outsider, "{\"question\": \"" + withCanary, false), 400);
        refused("malformed JSON, streamed", withCanary, askRaw(outsider, "{\"question\": \"" + withCanary
                + "\", " + doc.canaries().get(0) + ": 1}", true), 400);
        refused("unknown filter", withCanary, ask(outsider, Map.of("question", withCanary,
                "filters", Map.of("acl", doc.group())), false), 400);
        refused("filter not a string", withCanary, ask(outsider, Map.of("question", withCanary,
                "filters", Map.of("docId", List.of(doc.docId()))), false), 400);
        for (Map.Entry<String, String> filter : Map.of("docId", doc.docId(), "title", doc.title()).entrySet()) {
            Map<String, Object> body = Map.of("question", withCanary, "filters", Map.of(filter.getKey(),
                    filter.getValue()));
            insiderSaw("filters", doc, ask(insiderOf(doc), body, false));
            HttpResponse<String> reply = ask(outsider, body, false);
            tally.count("errors");
            if (expect("filter on " + filter.getKey(), withCanary, reply, 200)) {
                // the title filter carries a canary in the request; the reply must not give it back
                inspect("filter on " + filter.getKey(), withCanary, reply.body(), true);
                JsonNode answer = json(reply);
                if (!answer.get("citations").isEmpty()) {
                    tally.leak("filter on " + filter.getKey(), withCanary, "citations "
                            + docIdsOf(answer.get("citations")));
                }
            }
        }
    }

    /**
     * The documents API: the outsider's listing holds only public documents, and a restricted document is as
     * unknown to it as one that does not exist, to read or to delete (even as an editor).
     */
    private void probeDocuments() {
        HttpResponse<String> listing = get(outsider, "/api/documents");
        tally.count("documents");
        if (expect("documents", "GET /api/documents", listing, 200)) {
            inspect("documents", "GET /api/documents", listing.body(), true);
            JsonNode list = json(listing);
            for (String docId : docIdsOf(list.get("documents"))) {
                if (!docId.startsWith("public/")) {
                    tally.leak("documents", "GET /api/documents", "lists " + docId);
                }
            }
            int counted = 0;
            for (JsonNode n : list.get("counts")) {
                counted += n.asInt();
            }
            if (counted != PUBLIC_DOCS) {
                tally.leak("documents", "GET /api/documents", "counts " + counted + " documents, not the "
                        + PUBLIC_DOCS + " public ones: " + list.get("counts"));
            }
        }
        for (RestrictedDoc doc : corpus.restricted()) {
            String missing = doc.group() + "/no-such-memo.md";
            unknownAsTheMissing("GET", doc.docId(), missing, get(outsider, documentPath(doc.docId())),
                    get(outsider, documentPath(missing)));
            unknownAsTheMissing("GET content", doc.docId(), missing,
                    get(outsider, documentPath(doc.docId()) + "/content"),
                    get(outsider, documentPath(missing) + "/content"));
            unknownAsTheMissing("DELETE", doc.docId(), missing,
                    send(outsiderEditor, caravan.request(documentPath(doc.docId())).DELETE()),
                    send(outsiderEditor, caravan.request(documentPath(missing)).DELETE()));
        }
        JsonNode afterwards = json(get(admin, "/api/documents?size=500"));
        for (JsonNode document : afterwards.get("documents")) {
            if (!document.get("docId").asText().startsWith("public/")
                    && !document.get("status").asText().equals("indexed")) {
                tally.leak("documents", "DELETE as an outsider", document.get("docId").asText() + " is now "
                        + document.get("status").asText());
            }
        }
    }

    private void unknownAsTheMissing(String method, String docId, String missingDocId, HttpResponse<String> reply,
                                     HttpResponse<String> missing) {
        tally.count("documents");
        String question = method + " " + docId;
        if (expect("documents", question, reply, 404)) {
            // the docId is the caller's own input; the rest of the body must say nothing else
            inspect("documents", question, reply.body(), false);
            String seen = withoutRequestId(reply.body()).replace(docId, "DOC");
            String unknown = withoutRequestId(missing.body()).replace(missingDocId, "DOC");
            if (missing.statusCode() != 404 || !seen.equals(unknown)) {
                tally.leak("documents", question, "answered unlike an unknown document: " + abbreviate(reply.body())
                        + " vs " + missing.statusCode() + " " + abbreviate(missing.body()));
            }
        }
    }

    // ---- inspection

    /** Records a leak for each canary, restricted content hash and (when {@code docIds}) restricted docId in text. */
    private void inspect(String channel, String question, String text, boolean docIds) {
        Matcher canary = CANARY.matcher(text);
        while (canary.find()) {
            tally.leak(channel, question, "canary " + canary.group() + " in " + around(text, canary.start()));
        }
        for (String hash : restrictedHashes) {
            if (text.contains(hash)) {
                tally.leak(channel, question, "content hash " + hash);
            }
        }
        if (docIds) {
            for (RestrictedDoc doc : corpus.restricted()) {
                if (text.contains(doc.docId())) {
                    tally.leak(channel, question, "docId " + doc.docId());
                }
            }
        }
    }

    private void inspectAnswer(String channel, String question, JsonNode answer, boolean firstAsk) {
        List<String> cited = docIdsOf(answer.get("citations"));
        for (String docId : cited) {
            if (!docId.startsWith("public/")) {
                tally.leak(channel, question, "a citation of " + docId);
            }
        }
        if (!cited.isEmpty()) {
            tally.outsiderCited.incrementAndGet();
        }
        // the outsider never asked it before: a cached answer would be another scope's
        if (firstAsk && answer.path("cached").asBoolean()) {
            tally.leak(channel, question, "a cached answer on the outsider's first ask");
        }
    }

    /** Counts an insider reply, whether it shows a canary of the document's group, and any of the other group. */
    private void insiderSaw(String channel, RestrictedDoc doc, HttpResponse<String> reply) {
        if (reply.statusCode() != 200) {
            tally.problems.add("insider " + channel + " " + reply.statusCode() + ": " + abbreviate(reply.body()));
        }
        insiderSaw(channel, doc, reply.body());
    }

    private void insiderSaw(String channel, RestrictedDoc doc, String text) {
        String own = doc.group().equals(HR) ? "zqhr" : "zqfn";
        boolean saw = false;
        Matcher canary = CANARY.matcher(text);
        while (canary.find()) {
            if (canary.group().toLowerCase(Locale.ROOT).startsWith(own)) {
                saw = true;
            } else {
                tally.leak(channel + " (" + doc.group() + " insider)", doc.docId(), "canary of the other group "
                        + canary.group());
            }
        }
        tally.insider(channel, saw);
    }

    private void refused(String what, String question, HttpResponse<String> reply, int status) {
        tally.count("errors");
        if (expect(what, question, reply, status)) {
            inspect(what, question, reply.body(), true);
            if (!json(reply).has("error")) {
                tally.problems.add(what + ": no error JSON: " + abbreviate(reply.body()));
            }
        }
    }

    private boolean expect(String channel, String question, HttpResponse<String> reply, int status) {
        if (reply.statusCode() == status) {
            return true;
        }
        // an unexpected reply may still carry what it must not
        inspect(channel, question, reply.body(), true);
        tally.problems.add(channel + ": " + reply.statusCode() + " instead of " + status + " for " + abbreviate(question)
                + " -> " + abbreviate(reply.body()));
        return false;
    }

    // ---- clients

    private HttpResponse<String> ask(String key, Map<String, Object> body, boolean streamed) {
        return askRaw(key, write(body), streamed);
    }

    private HttpResponse<String> askRaw(String key, String json, boolean streamed) {
        HttpRequest.Builder request = caravan.request("/api/ask").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (streamed) {
            request.header("Accept", "text/event-stream");
        }
        return send(key, request);
    }

    private HttpResponse<String> get(String key, String path) {
        return send(key, caravan.request(path).GET());
    }

    private HttpResponse<String> send(String key, HttpRequest.Builder request) {
        return caravan.send(request.header("Authorization", "Bearer " + key));
    }

    private String insiderOf(RestrictedDoc doc) {
        return doc.group().equals(HR) ? hrInsider : financeInsider;
    }

    private static String documentPath(String docId) {
        return "/api/documents/" + URLEncoder.encode(docId, StandardCharsets.UTF_8);
    }

    /**
     * Sends every body as a TextMessage on one connection logged in as {@code user} with {@code key}, with a
     * temporary reply queue and the map's keys as correlation ids, and then collects the replies.
     */
    private Map<String, JmsReply> askOverJms(String user, String key, Map<String, String> bodies,
                                             Map<String, String> properties) throws Exception {
        Map<String, JmsReply> replies = new LinkedHashMap<>();
        try (Connection connection = new ActiveMQConnectionFactory(caravan.brokerUrl(), user, key)
                .createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue replyQueue = session.createTemporaryQueue();
            MessageConsumer consumer = session.createConsumer(replyQueue);
            MessageProducer producer = session.createProducer(session.createQueue("caravan.questions"));
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            for (Map.Entry<String, String> body : bodies.entrySet()) {
                TextMessage question = session.createTextMessage(body.getValue());
                question.setJMSReplyTo(replyQueue);
                question.setJMSCorrelationID(body.getKey());
                for (Map.Entry<String, String> property : properties.entrySet()) {
                    question.setStringProperty(property.getKey(), property.getValue());
                }
                producer.send(question);
            }
            while (replies.size() < bodies.size()) {
                Message reply = consumer.receive(RECEIVE_MS);
                assertThat(reply).as("reply " + (replies.size() + 1) + " of " + bodies.size() + " to " + user)
                        .isInstanceOf(TextMessage.class);
                replies.put(reply.getJMSCorrelationID(), new JmsReply(((TextMessage) reply).getText(),
                        propertiesOf(reply)));
            }
        }
        assertThat(replies.keySet()).isEqualTo(bodies.keySet());
        return replies;
    }

    private static String propertiesOf(Message message) throws Exception {
        StringBuilder all = new StringBuilder();
        for (Enumeration<?> names = message.getPropertyNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            all.append(name).append('=').append(message.getObjectProperty(name)).append('\n');
        }
        return all.toString();
    }

    /** A JMS reply: its body and its properties as {@code name=value} lines. */
    private record JmsReply(String text, String properties) {
    }

    private static <T> void inParallel(List<T> items, Consumer<T> probe) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
        try {
            List<Future<Object>> done = new ArrayList<>();
            for (T item : items) {
                done.add(pool.submit((Callable<Object>) () -> {
                    probe.accept(item);
                    return null;
                }));
            }
            for (Future<Object> each : done) {
                each.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The restricted documents' content hashes, once each is checked to be indexed with its group's ACL. */
    private Set<String> restrictedDocumentsAsTheAdminSeesThem() {
        // the listing pages, 50 by default (docs/http-api.md#documents): one page of 500 holds the whole corpus
        JsonNode documents = json(get(admin, "/api/documents?size=500")).get("documents");
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        documents.forEach(d -> byId.put(d.get("docId").asText(), d));
        assertThat(byId).hasSize(corpus.documentCount());
        Set<String> hashes = new LinkedHashSet<>();
        for (RestrictedDoc doc : corpus.restricted()) {
            JsonNode record = byId.get(doc.docId());
            assertThat(record.get("status").asText()).as(doc.docId()).isEqualTo("indexed");
            assertThat(record.get("acl").get(0).asText()).as(doc.docId()).isEqualTo(doc.group());
            hashes.add(record.get("contentHash").asText());
        }
        return hashes;
    }

    // ---- keys

    private KeysCli.Created createKey(String principal, String groups, String role) {
        return KeysCli.create(keyFile, principal, groups, role);
    }

    // ---- text helpers

    private static List<String> docIdsOf(JsonNode items) {
        List<String> docIds = new ArrayList<>();
        if (items != null) {
            items.forEach(item -> docIds.add(item.path("docId").asText()));
        }
        return docIds;
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<String> first(java.util.Queue<String> findings) {
        return findings.stream().limit(20).toList();
    }

    private static String withoutRequestId(String body) {
        return body.replaceAll("\"requestId\"\\s*:\\s*\"[^\"]*\"", "\"requestId\":\"ID\"");
    }

    private static String around(String text, int at) {
        return "…" + text.substring(Math.max(0, at - 60), Math.min(text.length(), at + 40)).replace('\n', ' ') + "…";
    }

    private static String abbreviate(String text) {
        return text.length() <= 160 ? text : text.substring(0, 160) + "…";
    }

    // ---- the tally

    /** What the probe asked and saw, per channel. Thread safe. */
    private static final class Tally {
        final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> insiderAsked = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> insiderSaw = new ConcurrentHashMap<>();
        final AtomicInteger events = new AtomicInteger();
        final AtomicInteger outsiderCited = new AtomicInteger();
        final java.util.Queue<String> leaks = new ConcurrentLinkedQueue<>();
        final java.util.Queue<String> problems = new ConcurrentLinkedQueue<>();

        void count(String channel) {
            asked.computeIfAbsent(channel, c -> new AtomicInteger()).incrementAndGet();
        }

        int asked(String channel) {
            return asked.getOrDefault(channel, new AtomicInteger()).get();
        }

        void insider(String channel, boolean sawCanary) {
            insiderAsked.computeIfAbsent(channel, c -> new AtomicInteger()).incrementAndGet();
            if (sawCanary) {
                insiderSaw.computeIfAbsent(channel, c -> new AtomicInteger()).incrementAndGet();
            }
        }

        int insiderAsked(String channel) {
            return insiderAsked.getOrDefault(channel, new AtomicInteger()).get();
        }

        int insiderSaw(String channel) {
            return insiderSaw.getOrDefault(channel, new AtomicInteger()).get();
        }

        String insiderSightings() {
            List<String> parts = new ArrayList<>();
            new java.util.TreeSet<>(insiderAsked.keySet()).forEach(c -> parts.add(c + " " + insiderSaw(c) + "/"
                    + insiderAsked(c)));
            return String.join(", ", parts);
        }

        void leak(String channel, String question, String what) {
            leaks.add(channel + ": " + what + " (asked: " + abbreviate(question) + ")");
        }
    }

    // ---- the corpus

    /** One question made of a restricted document's words. */
    private record Probe(String question, RestrictedDoc doc) {
    }

    /**
     * A restricted memo: its docId in the share, its group (the folder's ACL rule), its title and sentences, and its
     * canaries, nonsense words found in no other document (the first in the title, the others in sentences 0, 2, 4).
     */
    private record RestrictedDoc(String docId, String group, String topic, String team, String title,
                                 List<String> sentences, List<String> canaries) {

        String markdown() {
            return "# " + title + "\n\n" + String.join(" ", sentences.subList(0, 3)) + "\n\n"
                    + String.join(" ", sentences.subList(3, sentences.size())) + "\n";
        }

        /** The memo's sentences, canaries and all, repeated past {@code maxChars}. */
        String overLengthQuestion(int maxChars) {
            StringBuilder text = new StringBuilder();
            while (text.length() <= maxChars) {
                text.append(title).append(". ").append(String.join(" ", sentences)).append(' ');
            }
            return text.toString().strip();
        }
    }

    /**
     * Seeded documents: {@value #DOCS_PER_GROUP} hr and as many finance memos with canaries, and
     * {@value #PUBLIC_DOCS} public notes on the same topics in the same words, so the outsider's questions find
     * something to answer from.
     */
    private static final class CanaryCorpus {

        private static final List<String> HR_TOPICS = List.of("parental leave", "salary bands", "performance reviews",
                "remote work", "sick leave", "onboarding", "relocation support", "overtime pay", "training budgets",
                "pension contributions");
        private static final List<String> FINANCE_TOPICS = List.of("quarterly budgets", "travel expenses",
                "invoice approval", "capital spending", "the annual audit", "procurement", "cash reserves",
                "revenue forecasts", "asset depreciation", "tax filings");
        private static final List<String> CITIES = List.of("Lisbon", "Oslo", "Toronto", "Nairobi", "Osaka", "Lima",
                "Krakow", "Austin");
        private static final List<String> TEAMS = List.of("engineering", "sales", "support", "design", "legal",
                "logistics", "research", "marketing");
        private static final List<String> MONTHS = List.of("January", "March", "May", "July", "September",
                "November");
        private static final List<String> ROLES = List.of("people partner", "finance controller", "office manager",
                "team lead", "payroll desk", "regional director");

        private final List<RestrictedDoc> restricted;
        private final Map<String, String> publicNotes;

        private CanaryCorpus(List<RestrictedDoc> restricted, Map<String, String> publicNotes) {
            this.restricted = restricted;
            this.publicNotes = publicNotes;
        }

        static CanaryCorpus generate(long seed) {
            Random random = new Random(seed);
            Set<String> canaries = new LinkedHashSet<>();
            List<RestrictedDoc> restricted = new ArrayList<>();
            for (String group : List.of(HR, FINANCE)) {
                List<String> topics = group.equals(HR) ? HR_TOPICS : FINANCE_TOPICS;
                for (int i = 0; i < DOCS_PER_GROUP; i++) {
                    List<String> own = new ArrayList<>();
                    while (own.size() < 4) {
                        String canary = String.format(Locale.ROOT, "zq%s%04d%c", group.equals(HR) ? "hr" : "fn",
                                random.nextInt(10_000), (char) ('a' + random.nextInt(26)));
                        if (canaries.add(canary)) {
                            own.add(canary);
                        }
                    }
                    String topic = topics.get(i % topics.size());
                    String team = pick(random, TEAMS);
                    String title = capitalised(topic) + " memo " + own.get(0);
                    restricted.add(new RestrictedDoc(String.format(Locale.ROOT, "%s/memo-%02d.md", group, i), group,
                            topic, team, title, sentences(random, topic, team, own.get(1), own.get(2), own.get(3)),
                            List.copyOf(own)));
                }
            }
            Map<String, String> publicNotes = new LinkedHashMap<>();
            for (int i = 0; i < PUBLIC_DOCS; i++) {
                String topic = (i % 2 == 0 ? HR_TOPICS : FINANCE_TOPICS).get(i / 2 % HR_TOPICS.size());
                List<String> sentences = sentences(random, topic, pick(random, TEAMS), null, null, null);
                publicNotes.put(String.format(Locale.ROOT, "public/notes-%02d.md", i), "# " + capitalised(topic)
                        + " notes\n\n" + String.join(" ", sentences) + "\n");
            }
            return new CanaryCorpus(List.copyOf(restricted), publicNotes);
        }

        /** Five sentences on {@code topic}; the canaries go in the first, third and fifth (none for public notes). */
        private static List<String> sentences(Random random, String topic, String team, String c1, String c2,
                                              String c3) {
            return List.of(
                    (c1 == null ? "The general policy" : "The " + c1 + " policy") + " sets " + topic + " for the "
                            + team + " team in " + pick(random, CITIES) + " at " + (5 + random.nextInt(40))
                            + " days each year.",
                    "Questions about " + topic + " go to the " + pick(random, ROLES) + " before the end of "
                            + pick(random, MONTHS) + ".",
                    (c2 == null ? "According to the handbook" : "According to memo " + c2) + ", " + topic
                            + " is reviewed every " + pick(random, MONTHS) + " by the " + team + " leads.",
                    "Staff in " + pick(random, CITIES) + " who ask about " + topic + " receive an answer within "
                            + (2 + random.nextInt(12)) + " working days.",
                    (c3 == null ? "The general exception" : "The " + c3 + " exception") + " allows " + topic
                            + " to exceed the usual limit once a year for " + team + " staff.");
        }

        int documentCount() {
            return restricted.size() + publicNotes.size();
        }

        List<RestrictedDoc> restricted() {
            return restricted;
        }

        void writeTo(Path share) throws Exception {
            for (RestrictedDoc doc : restricted) {
                Fixtures.text(share.resolve(doc.docId()), doc.markdown());
            }
            for (Map.Entry<String, String> note : publicNotes.entrySet()) {
                Fixtures.text(share.resolve(note.getKey()), note.getValue());
            }
        }

        /**
         * Every question the restricted memos' own words make, shuffled: each sentence whole, without its canary,
         * cut short, and asked about; each canary alone and asked about. Distinct as the answer cache tells
         * questions apart (case, punctuation, spaces), so no outsider question is a repeat of another.
         */
        List<Probe> probes(Random random) {
            Map<String, Probe> byWords = new LinkedHashMap<>();
            for (RestrictedDoc doc : restricted) {
                String plainTitle = capitalised(doc.topic()) + " memo";
                for (String sentence : doc.sentences()) {
                    String withoutCanary = CANARY.matcher(sentence).replaceAll("").replaceAll(" +", " ")
                            .replace(" ,", ",");
                    List<String> words = List.of(sentence.substring(0, sentence.length() - 1).split(" "));
                    String tail = String.join(" ", words.subList(words.size() / 2, words.size()));
                    List<String> questions = new ArrayList<>(List.of(sentence,
                            String.join(" ", words.subList(0, Math.min(7, words.size()))),
                            "What does the " + doc.title() + " say about " + tail + "?",
                            "Is it true that " + Character.toLowerCase(sentence.charAt(0))
                                    + sentence.substring(1, sentence.length() - 1) + "?"));
                    questions.add(withoutCanary.equals(sentence)
                            ? "What does the " + plainTitle + " say about " + tail + "?" : withoutCanary);
                    questions.forEach(q -> byWords.putIfAbsent(words(q), new Probe(q, doc)));
                }
                for (String canary : doc.canaries()) {
                    for (String q : List.of(canary, "What is " + canary + "?")) {
                        byWords.putIfAbsent(words(q), new Probe(q, doc));
                    }
                }
            }
            List<Probe> probes = new ArrayList<>(byWords.values());
            Collections.shuffle(probes, random);
            return probes;
        }

        private static String words(String question) {
            return question.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
        }

        private static String pick(Random random, List<String> values) {
            return values.get(random.nextInt(values.size()));
        }

        private static String capitalised(String text) {
            return Character.toUpperCase(text.charAt(0)) + text.substring(1);
        }
    }
}
