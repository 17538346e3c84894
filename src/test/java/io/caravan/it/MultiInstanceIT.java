package io.caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.channel.jms.EmbeddedJmsBroker;
import io.caravan.ingest.ContentHash;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three Caravan processes as one service (docs/operations.md#scale-out): one Elasticsearch node, one Artemis broker
 * and one file share, leadership through the file-lock cluster service. The leader is killed with SIGKILL twice
 * while 500 files are ingested; afterwards every file is indexed exactly once with its current content, the deleted
 * ones are gone, and all three list the same documents; 600 JMS questions get one reply each, from several
 * instances; a conversation continues on another instance.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiInstanceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FILES = 500;
    private static final int DELETED = 20;
    private static final int CHANGED = 20;
    private static final int QUESTIONS = 600;
    private static final Pattern JMS_ASK_DONE = Pattern.compile(
            "camel_exchanges_succeeded_total\\{[^}]*routeId=\"jms-ask\"[^}]*\\} ([0-9.E]+)");

    @TempDir
    static Path dir;
    static ElasticsearchNode node;
    static String alias;
    static EmbeddedJmsBroker broker;
    static String brokerUrl;
    static Path share;
    static final List<CaravanProcess> caravans = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        node = ElasticsearchNode.shared();
        alias = "caravan-multi-" + Long.toHexString(System.nanoTime());
        try (ServerSocket socket = new ServerSocket(0)) {
            brokerUrl = "tcp://127.0.0.1:" + socket.getLocalPort();
        }
        broker = new EmbeddedJmsBroker(brokerUrl, dir.resolve("broker"), "caravan.questions", "caravan.questions.DLQ",
                5, null);
        broker.start();
        share = Files.createDirectories(dir.resolve("share"));
        Path cluster = Files.createDirectories(dir.resolve("cluster"));
        for (String name : List.of("one", "two", "three")) {
            Map<String, String> config = new HashMap<>();
            config.put("caravan.store", "elasticsearch");
            config.put("caravan.elasticsearch.url", node.url().toString());
            config.put("caravan.elasticsearch.index", alias);
            config.put("caravan.index.analyzer", "standard");
            config.put("caravan.jms.embedded", "false");
            config.put("caravan.jms.broker-url", brokerUrl);
            config.put("caravan.cluster.service", "file");
            config.put("caravan.cluster.file.root", cluster.toString());
            config.put("caravan.cluster.file.retry-interval", "500ms");
            config.put("caravan.sources.file.path", share.toString());
            config.put("caravan.sources.file.poll-interval", "300ms");
            config.put("caravan.sources.file.stable-for", "300ms");
            config.put("caravan.sources.file.reconcile-interval", "2s");
            config.put("caravan.data-dir", dir.resolve(name + "-data").toString());
            config.put("caravan.ask.rate-limit-per-minute", "0");
            caravans.add(CaravanProcess.start(name, config, dir.resolve("logs")));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        caravans.forEach(CaravanProcess::close);
        if (broker != null) {
            broker.stop();
        }
        if (node != null) {
            node.request("DELETE", alias + "-*", null);
        }
    }

    @Test
    @Order(1)
    void should_index_every_file_exactly_once_while_the_leader_is_killed_twice() throws Exception {
        // given: 500 files arriving, some of them changed or deleted later
        Map<String, String> expected = new TreeMap<>();
        List<Double> failovers = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            String docId = "batch-" + (i / 100) + "/part-" + i + ".txt";
            expected.put(docId, write(docId, text(i, "first")));
            if (i == 150 || i == 330) {
                // when: the leader dies mid-ingestion, without warning
                failovers.add(killLeaderAndTimeFailover());
            }
        }
        for (int i = 0; i < CHANGED; i++) {
            String docId = "batch-0/part-" + (i * 3) + ".txt";
            expected.put(docId, write(docId, text(i * 3, "second")));
        }
        for (int i = 0; i < DELETED; i++) {
            String docId = "batch-4/part-" + (400 + i * 2) + ".txt";
            Files.delete(share.resolve(docId));
            expected.remove(docId);
        }

        // then: the index converges to the share
        awaitIndexed(expected, 900);
        Map<String, Set<String>> hashes = indexedHashes();
        assertThat(hashes.keySet()).as("exactly the files of the share").isEqualTo(expected.keySet());
        hashes.forEach((docId, found) -> assertThat(found).as(docId + " indexed once, current content")
                .containsExactly(expected.get(docId)));
        // and: all three list the same documents with the same statuses
        List<Map<String, String>> listings = new ArrayList<>();
        for (CaravanProcess caravan : caravans) {
            listings.add(statuses(caravan));
        }
        assertThat(listings.get(1)).isEqualTo(listings.get(0));
        assertThat(listings.get(2)).isEqualTo(listings.get(0));
        System.out.printf("multi-instance: files=%d indexed=%d deleted=%d lost=0 duplicated=0 failovers=%s s%n",
                FILES, hashes.size(), DELETED, failovers);
    }

    @Test
    @Order(2)
    void should_answer_each_jms_question_once_from_several_instances() throws Exception {
        Map<String, Double> before = jmsAnswersByInstance();
        Map<String, Integer> replies = new HashMap<>();
        try (Connection connection = new ActiveMQConnectionFactory(brokerUrl).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue replyQueue = session.createTemporaryQueue();
            MessageConsumer consumer = session.createConsumer(replyQueue);
            MessageProducer producer = session.createProducer(session.createQueue("caravan.questions"));
            for (int i = 0; i < QUESTIONS; i++) {
                TextMessage question = session.createTextMessage("Which part number is described in part " + i + "?");
                question.setJMSReplyTo(replyQueue);
                question.setJMSCorrelationID("q-" + i);
                producer.send(question);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
            while (replies.values().stream().mapToInt(Integer::intValue).sum() < QUESTIONS
                    && System.nanoTime() < deadline) {
                Message reply = consumer.receive(1000);
                if (reply != null) {
                    replies.merge(reply.getJMSCorrelationID(), 1, Integer::sum);
                    assertThat(JSON.readTree(((TextMessage) reply).getText()).has("answer")).isTrue();
                }
            }
            // a duplicate would arrive late: wait a little for one
            Message extra = consumer.receive(3000);
            if (extra != null) {
                replies.merge(extra.getJMSCorrelationID(), 1, Integer::sum);
            }
        }
        assertThat(replies).hasSize(QUESTIONS);
        assertThat(replies.values()).allMatch(count -> count == 1);
        Map<String, Double> after = jmsAnswersByInstance();
        long answering = after.keySet().stream().filter(name -> after.get(name) > before.getOrDefault(name, 0.0))
                .count();
        System.out.printf("multi-instance: questions=%d answered once=%d instances answering=%d (%s)%n", QUESTIONS,
                replies.size(), answering, after);
        assertThat(answering).as("replies from more than one instance").isGreaterThan(1);
    }

    @Test
    @Order(3)
    void should_keep_a_conversation_whose_follow_up_goes_to_another_instance() throws Exception {
        // given: a document about one animal among several about weights
        Map<String, String> animals = new TreeMap<>(Map.of(
                "zoo/quokka.txt", "The quokka lives on Rottnest Island. The quokka weighs about three kilograms.",
                "zoo/kiwi.txt", "The kiwi is a bird of New Zealand. A grown kiwi weighs about two kilograms.",
                "zoo/wombat.txt", "The wombat digs burrows. A wombat weighs about thirty kilograms.",
                "zoo/koala.txt", "The koala eats eucalyptus. A koala weighs about ten kilograms.",
                "zoo/emu.txt", "The emu cannot fly. An emu weighs about forty kilograms."));
        Map<String, String> expected = new TreeMap<>();
        for (Map.Entry<String, String> animal : animals.entrySet()) {
            expected.put(animal.getKey(), write(animal.getKey(), animal.getValue()));
        }
        awaitDocuments(expected, 300);

        // when: the first turn on one instance, the follow-up on another
        JsonNode first = ask(caravans.get(0), "Where does the quokka live?", "zoo-session");
        JsonNode followUp = ask(caravans.get(1), "How much does it weigh?", "zoo-session");

        // then: without its first turn the follow-up finds another animal, with it the quokka
        JsonNode withoutContext = ask(caravans.get(2), "How much does it weigh?", "another-session");
        assertThat(withoutContext.at("/citations/0/docId").asText()).isNotEqualTo("zoo/quokka.txt");
        assertThat(first.at("/citations/0/docId").asText()).isEqualTo("zoo/quokka.txt");
        assertThat(followUp.at("/citations/0/docId").asText()).as(followUp.toString()).isEqualTo("zoo/quokka.txt");
        assertThat(followUp.get("answer").asText()).contains("three kilograms");
    }

    private static double killLeaderAndTimeFailover() throws Exception {
        CaravanProcess leader = awaitLeader();
        int indexedBefore = indexedCount(anyOtherThan(leader));
        leader.kill();
        long killed = System.nanoTime();
        CaravanProcess survivor = anyOtherThan(leader);
        // the next document indexed after the death
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        int settled = indexedCount(survivor);
        while (indexedCount(survivor) <= settled && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        double seconds = (System.nanoTime() - killed) / 1e9;
        assertThat(indexedCount(survivor)).as("ingestion resumed after the leader died").isGreaterThan(settled);
        assertThat(settled).isGreaterThanOrEqualTo(indexedBefore);
        System.out.printf("multi-instance: leader %s killed, next document indexed after %.1f s%n", leader.name(),
                seconds);
        leader.restart();
        return Math.round(seconds * 10) / 10.0;
    }

    private static CaravanProcess awaitLeader() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            List<CaravanProcess> leaders = caravans.stream().filter(c -> "leader".equals(c.sourcesRole())).toList();
            assertThat(leaders.size()).as("never two leaders").isLessThanOrEqualTo(1);
            if (leaders.size() == 1) {
                return leaders.get(0);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new AssertionError("no leader within 120 s");
    }

    private static CaravanProcess anyOtherThan(CaravanProcess leader) {
        return caravans.stream().filter(c -> c != leader && c.isAlive()).findFirst().orElseThrow();
    }

    private static int indexedCount(CaravanProcess caravan) {
        return caravan.getJson("/api/documents").path("counts").path("indexed").asInt();
    }

    private static Map<String, String> statuses(CaravanProcess caravan) {
        Map<String, String> statuses = new TreeMap<>();
        // the listing pages (docs/http-api.md#documents): walk the pages until one comes back empty
        for (int page = 1; ; page++) {
            JsonNode documents = caravan.getJson("/api/documents?size=500&page=" + page).path("documents");
            if (documents.isEmpty()) {
                return statuses;
            }
            documents.forEach(d -> statuses.put(d.get("docId").asText(), d.get("status").asText()));
        }
    }

    private static void awaitIndexed(Map<String, String> expected, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (indexedHashes().equals(singletons(expected))) {
                return;
            }
            TimeUnit.SECONDS.sleep(1);
        }
    }

    private static void awaitDocuments(Map<String, String> expected, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            Map<String, Set<String>> indexed = indexedHashes();
            if (expected.entrySet().stream().allMatch(e -> Set.of(e.getValue()).equals(indexed.get(e.getKey())))) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new AssertionError("not indexed within " + seconds + " s: " + expected.keySet());
    }

    private static Map<String, Set<String>> singletons(Map<String, String> expected) {
        Map<String, Set<String>> sets = new TreeMap<>();
        expected.forEach((docId, hash) -> sets.put(docId, Set.of(hash)));
        return sets;
    }

    /** What the index holds, read from Elasticsearch itself: each document's content hashes over all its chunks. */
    private static Map<String, Set<String>> indexedHashes() {
        node.request("POST", alias + "/_refresh", null);
        String query = "{\"size\":0,\"aggs\":{\"docs\":{\"terms\":{\"field\":\"doc_id\",\"size\":10000},"
                + "\"aggs\":{\"hashes\":{\"terms\":{\"field\":\"content_hash\",\"size\":10}}}}}}";
        Map<String, Set<String>> hashes = new TreeMap<>();
        try {
            JsonNode result = JSON.readTree(node.request("POST", alias + "/_search", query).body());
            for (JsonNode bucket : result.at("/aggregations/docs/buckets")) {
                Set<String> found = new HashSet<>();
                bucket.at("/hashes/buckets").forEach(h -> found.add(h.get("key").asText()));
                hashes.put(bucket.get("key").asText(), found);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return hashes;
    }

    private static Map<String, Double> jmsAnswersByInstance() {
        Map<String, Double> answered = new TreeMap<>();
        for (CaravanProcess caravan : caravans) {
            String metrics = caravan.send(HttpRequest.newBuilder(caravan.uri("/metrics")).GET()).body();
            Matcher matcher = JMS_ASK_DONE.matcher(metrics);
            answered.put(caravan.name(), matcher.find() ? Double.parseDouble(matcher.group(1)) : 0.0);
        }
        return answered;
    }

    private static JsonNode ask(CaravanProcess caravan, String question, String sessionId) throws Exception {
        String body = JSON.writeValueAsString(Map.of("question", question, "sessionId", sessionId));
        return JSON.readTree(caravan.send(HttpRequest.newBuilder(caravan.uri("/api/ask"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))).body());
    }

    private static String write(String docId, String text) throws Exception {
        Path file = share.resolve(docId);
        Files.createDirectories(file.getParent());
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.write(temp, bytes);
        Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return ContentHash.of(bytes);
    }

    private static String text(int i, String version) {
        return "Part " + i + "\n\nPart number " + i + " is a " + version + " revision bracket made of steel grade "
                + (i % 17) + ", used in assembly " + (i * 7 % 101) + ". It ships in boxes of " + (i % 12 + 1) + ".\n";
    }
}
