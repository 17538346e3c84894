package io.caravan.it;

import static io.caravan.it.RunningCaravan.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Caravan on a cluster that goes away: it starts while the cluster is down, answers 503 and reports not ready
 * while it is down, keeps files dropped meanwhile for later and indexes them, once each, when it is back.
 *
 * <p>The test runs its own node ({@link ElasticsearchNode#privateNode}), stopped and started again on the same
 * data and port, so that the shared node the other tests use never goes down under them.
 */
class ElasticsearchOutageIT {

    /** caravan.elasticsearch.timeout here: a 503 must come back within it. */
    private static final Duration CLUSTER_TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path data;
    @TempDir
    Path inbox;
    RunningCaravan caravan;
    ElasticsearchNode node;

    private final String alias = "caravan-outage";

    @AfterEach
    void stop() {
        if (caravan != null) {
            caravan.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void should_start_without_the_cluster_answer_503_while_it_is_down_and_index_what_came_meanwhile() throws Exception {
        // given a cluster that is not running yet
        node = ElasticsearchNode.privateNode("caravan-it-outage");
        Map<String, String> config = new HashMap<>(Map.of(
                "caravan.store", "elasticsearch",
                "caravan.elasticsearch.url", node.url().toString(),
                "caravan.elasticsearch.index", alias,
                "caravan.elasticsearch.timeout", CLUSTER_TIMEOUT.toSeconds() + "s",
                "caravan.index.analyzer", "standard",
                "caravan.ingest.unavailable-max-delay-ms", "2000"));

        // when Caravan starts
        caravan = RunningCaravan.start(data, inbox, config);

        // then it runs, not ready, and questions get a JSON 503
        assertUnavailable();
        Fixtures.text(inbox.resolve("before.md"), "# Lighthouse\n\nThe lighthouse keeper lit the lamp at dusk.\n");
        // the ledger lives in the cluster too (docs/architecture.md#index-engines): the documents API waits with it
        assertDocumentsUnavailable("before.md");

        // when the cluster comes up
        node.start();

        // then the file dropped while it was down is indexed by itself, and Caravan is ready
        awaitStatus("before.md", "indexed"::equals, 120);
        awaitReady(60);
        assertThat(citedDocIds("When did the keeper light the lamp?")).contains("before.md");

        // when the cluster goes down while Caravan runs
        node.stop();

        // then
        assertUnavailable();
        Fixtures.text(inbox.resolve("during.md"), "# Bakery\n\nThe baker bakes sourdough bread before sunrise.\n");
        // a few retries while down: the document waits for the cluster, it is never quarantined
        assertDocumentsUnavailable("during.md");

        // when the cluster is back
        node.start();

        // then the document is indexed, nothing failed, every document is in the cluster exactly once
        awaitStatus("during.md", "indexed"::equals, 120);
        awaitReady(60);
        JsonNode documents = json(caravan.get("/api/documents"));
        assertThat(documents.get("counts").get("failed").asInt()).isZero();
        assertThat(documents.get("counts").get("indexed").asInt()).isEqualTo(2);
        assertThat(citedDocIds("Who bakes sourdough bread?")).contains("during.md");
        for (String docId : new String[] {"before.md", "during.md"}) {
            int chunks = json(caravan.get("/api/documents/" + docId)).get("chunks").asInt();
            node.request("POST", alias + "/_refresh", null);
            JsonNode count = json(node.request("POST", alias + "/_count",
                    "{\"query\":{\"term\":{\"doc_id\":\"" + docId + "\"}}}"));
            assertThat(count.get("count").asInt()).as("chunks of %s in the cluster", docId).isEqualTo(chunks);
        }
        assertThat(caravan.context().getStatus()).isEqualTo(ServiceStatus.Started);
    }

    /** /api/ask answers a JSON 503 within the cluster timeout, /api/health says not ready, Caravan runs. */
    private void assertUnavailable() {
        long began = System.nanoTime();
        HttpResponse<String> answer = caravan.ask("When did the keeper light the lamp?");
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode error = json(answer);
        assertThat(error.get("error").get("code").asText()).isEqualTo("unavailable");
        assertThat(error.get("requestId").asText()).isNotBlank();
        assertThat(took).isLessThan(CLUSTER_TIMEOUT);
        HttpResponse<String> health = caravan.get("/api/health");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(json(health).get("ready").asBoolean()).isFalse();
        assertThat(json(health).get("checks").get("index").asText()).isEqualTo("DOWN");
        // the Kubernetes probes (docs/operations.md#kubernetes): unready, naming the index, but live, never restarted
        HttpResponse<String> ready = caravan.get("/api/health/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
        assertThat(json(ready).get("ready").asBoolean()).isFalse();
        assertThat(json(ready).get("down").toString()).contains("\"index\"");
        HttpResponse<String> live = caravan.get("/api/health/live");
        assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
        assertThat(json(live).get("status").asText()).isEqualTo("UP");
        assertThat(caravan.context().getStatus()).isEqualTo(ServiceStatus.Started);
    }

    private java.util.List<String> citedDocIds(String question) {
        HttpResponse<String> answer = caravan.ask(question);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        java.util.List<String> ids = new java.util.ArrayList<>();
        json(answer).get("citations").forEach(c -> ids.add(c.get("docId").asText()));
        return ids;
    }

    /**
     * While the cluster is down the documents API answers a JSON 503, for the list and for {@code docId}, after the
     * file route had a few polls to take the file in.
     */
    private void assertDocumentsUnavailable(String docId) throws InterruptedException {
        Thread.sleep(3_000);
        for (String path : new String[] {"/api/documents", "/api/documents/" + docId}) {
            HttpResponse<String> response = caravan.get(path);
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(503);
            assertThat(json(response).at("/error/code").asText()).isEqualTo("unavailable");
        }
    }

    private String status(String docId) {
        HttpResponse<String> response = caravan.get("/api/documents/" + docId);
        return response.statusCode() == 200 ? json(response).get("status").asText() : "absent";
    }

    private void awaitStatus(String docId, Predicate<String> expected, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        String last = status(docId);
        while (!expected.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(docId + " still " + last + " after " + seconds + "s");
            }
            Thread.sleep(250);
            last = status(docId);
        }
    }

    /** Waits for the readiness probe's 200; /api/health must agree with it then. */
    private void awaitReady(int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (caravan.get("/api/health/ready").statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not ready after " + seconds + "s: "
                        + caravan.get("/api/health/ready").body());
            }
            Thread.sleep(250);
        }
        assertThat(json(caravan.get("/api/health/ready")).get("down").size()).isZero();
        assertThat(caravan.get("/api/health").statusCode()).isEqualTo(200);
    }
}
