package io.caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.llm.ChatCompletionsStub;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.caravan.it.RunningCaravan.await;
import static io.caravan.it.RunningCaravan.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cap on concurrent language model calls through /api/ask: a question that finds every slot busy gets a 503, one
 * that never reaches the model needs no slot.
 */
class LlmPermitsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;
    @TempDir
    Path inbox;
    RunningCaravan caravan;
    ChatCompletionsStub llm;
    final CountDownLatch modelAnswers = new CountDownLatch(1);
    final CountDownLatch modelCalled = new CountDownLatch(1);

    @AfterEach
    void stop() {
        modelAnswers.countDown();
        if (caravan != null) {
            caravan.close();
        }
        if (llm != null) {
            llm.close();
        }
    }

    @Test
    void should_answer_503_with_retry_after_while_every_llm_slot_is_busy_and_serve_again_once_one_frees()
            throws Exception {
        // given: one LLM slot, a short queue, and a model that holds its condensing reply until released
        llm = ChatCompletionsStub.start().replying(request -> {
            if (!ChatCompletionsStub.message(request, "system").contains("standalone question")) {
                return "Espresso is brewed at nine bars [1].";
            }
            modelCalled.countDown();
            try {
                modelAnswers.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "Is espresso brewed at nine bars?";
        });
        caravan = RunningCaravan.start(data, inbox, Map.of(
                "caravan.llm.provider", "openai",
                "caravan.llm.base-url", llm.baseUrl(),
                "caravan.llm.model", "stub-model",
                "caravan.llm.max-concurrent", "1",
                "caravan.llm.queue-timeout", "300ms"));
        NotifyBuilder indexed = caravan.notifier().fromRoute("source-file").whenCompleted(1).create();
        Files.writeString(inbox.resolve("coffee.txt"), "Espresso is brewed at nine bars of pressure.");
        await(indexed, 120);
        assertThat(ask(Map.of("question", "How is espresso brewed?", "sessionId", "s1")).statusCode())
                .isEqualTo(200);

        // when: a follow-up's condensing holds the only slot, and another question reaches its generate step
        CompletableFuture<HttpResponse<String>> followUp = CompletableFuture.supplyAsync(
                () -> ask(Map.of("question", "At what pressure?", "sessionId", "s1")));
        assertThat(modelCalled.await(30, TimeUnit.SECONDS)).isTrue();
        HttpResponse<String> refused = ask(Map.of("question", "What is espresso?"));

        // then
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        JsonNode error = json(refused);
        assertThat(error.at("/error/code").asText()).isEqualTo("llm_busy");
        assertThat(error.at("/error/message").asText()).contains("caravan.llm.max-concurrent");

        // and: a question that finds no passage never calls the model, so it needs no slot
        HttpResponse<String> nothingFound = ask(Map.of("question", "What is espresso?",
                "filters", Map.of("source", "s3")));
        assertThat(nothingFound.statusCode()).as(nothingFound.body()).isEqualTo(200);
        assertThat(json(nothingFound).get("citations")).isEmpty();
        assertThat(json(nothingFound).get("mode").asText()).isEqualTo("extractive");

        // and: once the model answers, the follow-up completes and the slot serves the next question
        modelAnswers.countDown();
        assertThat(followUp.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(ask(Map.of("question", "What is espresso?")).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> ask(Map<String, Object> body) {
        try {
            return caravan.post("/api/ask", "application/json", JSON.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
