package io.caravan.rerank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.caravan.index.Hit;
import io.caravan.llm.ChatModelFactory;
import io.caravan.llm.LlmSettings;
import io.caravan.throttle.LlmPermits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static io.caravan.rerank.RerankHits.hit;
import static io.caravan.rerank.RerankHits.ids;
import static io.caravan.rerank.RerankHits.question;
import static org.assertj.core.api.Assertions.assertThat;

/** The LLM reranker through the real OpenAI client against an OpenAI-compatible stub server started here. */
class LlmRerankerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile Function<JsonNode, Reply> replies;

    private record Reply(int status, String body, boolean hang) {
        static Reply completion(String content) {
            var message = JSON.createObjectNode().put("role", "assistant").put("content", content);
            var choice = JSON.createObjectNode().put("index", 0).put("finish_reason", "stop").set("message", message);
            String body = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion")
                    .put("created", 1).put("model", "stub").set("choices", JSON.createArrayNode().add(choice))
                    .toString();
            return new Reply(200, body, false);
        }
    }

    private final List<Hit> candidates = List.of(
            hit("a#0", "Aspirin is sold in pharmacies.", 0.9),
            hit("b#0", "Aspirin lowers the risk of a second heart attack in a large trial.", 0.8),
            hit("c#0", "The trial was funded by a charity.", 0.7));

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        requests.add(request);
        Reply reply = replies.apply(request);
        if (reply.hang()) {
            try {
                // held until the test ends, so the client's timeout is what ends the call
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(reply.status(), body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException e) {
            // the client gave up (timeout): nothing to answer
        } finally {
            exchange.close();
        }
    }

    private Reranker reranker(Duration timeout, int batchSize) {
        return reranker(timeout, batchSize, new LlmPermits(true, 1, Duration.ofSeconds(5)));
    }

    private Reranker reranker(Duration timeout, int batchSize, LlmPermits permits) {
        LlmSettings settings = new LlmSettings(LlmSettings.Provider.OPENAI,
                "http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "stub-model", "secret-key", timeout);
        return new ScoringModelReranker("llm", new LlmScoringModel(ChatModelFactory.create(settings).orElseThrow(),
                permits, batchSize, 40), 10, 1.0, 2);
    }

    @Test
    void should_send_the_question_and_numbered_passages_and_rerank_by_the_grades() throws Exception {
        // given
        replies = request -> Reply.completion("1: 3\n2: 10\n3: 1");

        // when
        List<Hit> reranked = reranker(Duration.ofSeconds(10), 10).rerank(
                question("Does aspirin prevent heart attacks?", null), candidates);

        // then: the best-graded passage comes first, cut to top-k
        assertThat(ids(reranked)).containsExactly("b#0", "a#0");

        // and: one request with the model, the instructions and the question with its passages numbered from 1
        assertThat(requests).hasSize(1);
        JsonNode request = requests.get(0);
        assertThat(request.path("model").asText()).isEqualTo("stub-model");
        JsonNode messages = request.path("messages");
        assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
        assertThat(messages.get(0).path("content").asText()).contains("0 = it is unrelated")
                .contains("<number>: <grade>");
        String user = messages.get(1).path("content").asText();
        assertThat(messages.get(1).path("role").asText()).isEqualTo("user");
        assertThat(user).startsWith("Question: Does aspirin prevent heart attacks?")
                .contains("[1] Aspirin is sold in pharmacies.")
                .contains("[3] The trial was funded by a charity.")
                // passages are cut to the configured number of characters
                .contains("[2] Aspirin lowers the risk of a second hear …")
                .doesNotContain("heart attack in a large trial");
    }

    @Test
    void should_grade_in_batches_numbered_from_one_each() {
        // given: every batch is graded "the last passage of the batch is the best"
        replies = request -> {
            String user = request.path("messages").get(1).path("content").asText();
            return Reply.completion(user.contains("[2]") ? "1: 1\n2: 9" : "1: 5");
        };

        // when
        List<Hit> reranked = reranker(Duration.ofSeconds(10), 2).rerank(question("q", 3), candidates);

        // then: b (9) before c (5) before a (1)
        assertThat(requests).hasSize(2);
        assertThat(ids(reranked)).containsExactly("b#0", "c#0", "a#0");
    }

    @Test
    void should_keep_the_retrieval_order_when_the_server_fails() {
        // given
        replies = request -> new Reply(500, "{\"error\":{\"message\":\"boom\"}}", false);

        // when
        List<Hit> reranked = reranker(Duration.ofSeconds(10), 10).rerank(question("q", null), candidates);

        // then: no retries, the retrieval order and scores
        assertThat(requests).hasSize(1);
        assertThat(reranked).containsExactlyElementsOf(candidates.subList(0, 2));
    }

    @Test
    void should_keep_the_retrieval_order_when_the_server_times_out() {
        // given
        replies = request -> new Reply(200, "{}", true);

        // when
        long start = System.nanoTime();
        List<Hit> reranked = reranker(Duration.ofMillis(500), 10).rerank(question("q", null), candidates);
        long millis = (System.nanoTime() - start) / 1_000_000;

        // then
        assertThat(reranked).containsExactlyElementsOf(candidates.subList(0, 2));
        assertThat(millis).isLessThan(10_000);
    }

    @Test
    void should_take_an_llm_slot_per_request_and_keep_the_retrieval_order_when_none_is_free() {
        // given: the only LLM slot is held by another question's generation
        replies = request -> Reply.completion("1: 3\n2: 10\n3: 1");
        LlmPermits permits = new LlmPermits(true, 1, Duration.ofMillis(100));
        permits.acquire("another-question");

        // when
        List<Hit> reranked = reranker(Duration.ofSeconds(10), 10, permits).rerank(question("q", null), candidates);

        // then: the model was not called, the retrieval order stands
        assertThat(requests).isEmpty();
        assertThat(reranked).containsExactlyElementsOf(candidates.subList(0, 2));

        // and: once the slot is free, grading takes it and gives it back
        permits.release("another-question");
        assertThat(ids(reranker(Duration.ofSeconds(10), 10, permits).rerank(question("q", null), candidates)))
                .containsExactly("b#0", "a#0");
        assertThat(permits.available()).isEqualTo(1);
    }

    @Test
    void should_keep_the_retrieval_order_when_the_reply_has_no_grades() {
        // given
        replies = request -> Reply.completion("I am not able to grade these passages.");

        // when
        List<Hit> reranked = reranker(Duration.ofSeconds(10), 10).rerank(question("q", null), candidates);

        // then
        assertThat(reranked).containsExactlyElementsOf(candidates.subList(0, 2));
    }
}
