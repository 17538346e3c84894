package io.caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.llm.LlmStub;
import io.caravan.llm.LlmStub.Reply;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.caravan.it.LlmAnswersIT.metric;
import static io.caravan.it.LlmAnswersIT.passageNumber;
import static io.caravan.it.RunningCaravan.await;
import static io.caravan.it.RunningCaravan.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Answers written by an LLM through {@code /api/ask} with the ollama provider, against an Ollama-compatible stub. */
class OllamaAnswersIT {

    @TempDir
    static Path data;
    @TempDir
    static Path inbox;
    static LlmStub llm;
    static RunningCaravan caravan;

    @BeforeAll
    static void start() throws Exception {
        llm = LlmStub.start();
        caravan = RunningCaravan.start(data, inbox, Map.of(
                "caravan.jms.enabled", "false",
                "caravan.llm.provider", "ollama",
                "caravan.llm.base-url", llm.ollamaBaseUrl(),
                "caravan.llm.model", "llama3.2",
                "caravan.llm.max-tokens", "300",
                "caravan.llm.temperature", "0.2"));
        NotifyBuilder indexed = caravan.notifier().fromRoute("source-file").whenCompleted(2).create();
        Fixtures.text(inbox.resolve("handbook.txt"), "Handbook\n\nEmployees receive 25 days of paid vacation per"
                + " year. Vacation requests go to the team lead two weeks ahead.\n");
        Fixtures.coffeeMarkdown(inbox);
        await(indexed, 120);
    }

    @AfterAll
    static void stop() {
        if (caravan != null) {
            caravan.close();
        }
        llm.close();
    }

    @Test
    void should_answer_with_the_ollama_model_citing_the_passage_and_counting_its_tokens() {
        // given
        llm.replying(request -> {
            int n = passageNumber(LlmStub.userMessage(request), "Handbook");
            return Reply.answer("Employees get 25 days of paid vacation a year [" + n + "].");
        });
        String prompt = "caravan_llm_tokens_total{model=\"llama3.2\",provider=\"ollama\",type=\"prompt\"}";
        String completion = "caravan_llm_tokens_total{model=\"llama3.2\",provider=\"ollama\",type=\"completion\"}";
        double promptBefore = metric(caravan, prompt);
        double completionBefore = metric(caravan, completion);

        // when
        JsonNode answer = json(caravan.ask("How many vacation days do employees get?"));

        // then
        assertThat(answer.get("mode").asText()).isEqualTo("llm");
        assertThat(answer.get("degraded").asBoolean()).isFalse();
        assertThat(answer.get("answer").asText()).matches("Employees get 25 days of paid vacation a year \\[\\d]\\.");
        assertThat(answer.get("citations")).hasSize(1);
        assertThat(answer.get("citations").get(0).get("docId").asText()).isEqualTo("handbook.txt");

        // and: Ollama's /api/chat was called with the model and options, not streamed
        JsonNode request = llm.requests().get(llm.requests().size() - 1);
        assertThat(request.path("model").asText()).isEqualTo("llama3.2");
        assertThat(request.path("stream").asBoolean(true)).isFalse();
        assertThat(request.path("options").path("num_predict").asInt()).isEqualTo(300);
        assertThat(request.path("options").path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(LlmStub.systemMessage(request)).contains("I don't know.");

        // and: its prompt_eval_count and eval_count are counted
        assertThat(metric(caravan, prompt)).isEqualTo(promptBefore + LlmStub.PROMPT_TOKENS);
        assertThat(metric(caravan, completion)).isEqualTo(completionBefore + LlmStub.COMPLETION_TOKENS);
    }
}
