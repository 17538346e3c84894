package io.caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.llm.ChatCompletionsStub;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.caravan.it.RunningCaravan.await;
import static io.caravan.it.RunningCaravan.json;
import static io.caravan.llm.ChatCompletionsStub.message;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conversations and multi-query retrieval through /api/ask with an OpenAI-compatible stub as the language model:
 * a follow-up is condensed by the model with the earlier turn, and the model's query variants are retrieved and fused.
 */
class ConversationIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;
    @TempDir
    Path inbox;
    RunningCaravan caravan;
    ChatCompletionsStub llm;

    @AfterEach
    void stop() {
        if (caravan != null) {
            caravan.close();
        }
        if (llm != null) {
            llm.close();
        }
    }

    @Test
    void should_condense_a_follow_up_with_the_model_and_fuse_the_results_of_its_query_variants() throws Exception {
        // given: the stub condenses follow-ups and writes two query variants aimed at the second document
        llm = ChatCompletionsStub.start().replying(request -> {
            String system = message(request, "system");
            if (system.contains("standalone question")) {
                return "Does acetylsalicylic acid lower the risk of myocardial infarction?";
            }
            if (system.contains("search queries")) {
                return "acetylsalicylic acid myocardial infarction\nacetylsalicylic acid lowers risk in adults";
            }
            if (system.contains("numbered passages")) {
                return "It lowers the risk of myocardial infarction [1].";
            }
            return "";
        });
        caravan = RunningCaravan.start(data, inbox, Map.of(
                "caravan.llm.provider", "openai",
                "caravan.llm.base-url", llm.baseUrl(),
                "caravan.llm.model", "stub-model",
                "caravan.retrieval.multi-query.count", "2"));
        NotifyBuilder indexed = caravan.notifier().fromRoute("source-file").whenCompleted(2).create();
        Files.writeString(inbox.resolve("pharmacy.txt"), "Aspirin is sold in pharmacies without a prescription.");
        Files.writeString(inbox.resolve("trial.txt"),
                "Acetylsalicylic acid lowers the risk of myocardial infarction in adults.");
        await(indexed, 120);

        // when: the first question, best found by its own words in pharmacy.txt
        JsonNode first = ask(Map.of("question", "Is aspirin sold in pharmacies?", "sessionId", "s1", "topK", 1));

        // then: the question's own top hit is pharmacy.txt, yet the fused variants' lists put trial.txt first
        String q = URLEncoder.encode("Is aspirin sold in pharmacies?", StandardCharsets.UTF_8);
        assertThat(json(caravan.get("/api/search?q=" + q + "&k=1")).at("/hits/0/docId").asText())
                .isEqualTo("pharmacy.txt");
        assertThat(first.at("/citations/0/docId").asText()).isEqualTo("trial.txt");
        assertThat(variantRequests()).containsExactly("<question>Is aspirin sold in pharmacies?</question>");

        // when: a follow-up in the same session
        JsonNode followUp = ask(Map.of("question", "Does it help the heart?", "sessionId", "s1"));

        // then: the model condensed it with the earlier turn, and retrieval ran on the standalone question
        List<JsonNode> condensing = llm.requests().stream()
                .filter(r -> message(r, "system").contains("standalone question")).toList();
        assertThat(condensing).hasSize(1);
        assertThat(message(condensing.get(0), "user"))
                .contains("User: Is aspirin sold in pharmacies?\nAssistant: ")
                .contains("Last question: Does it help the heart?");
        assertThat(variantRequests()).last().isEqualTo(
                "<question>Does acetylsalicylic acid lower the risk of myocardial infarction?</question>");
        assertThat(followUp.get("answer").asText()).contains("myocardial infarction");
        // and: the generation got the earlier turn before the question
        JsonNode generation = llm.requests().stream()
                .filter(r -> message(r, "system").contains("numbered passages")).reduce((a, b) -> b).orElseThrow();
        JsonNode messages = generation.path("messages");
        assertThat(messages.get(1).path("role").asText()).isEqualTo("user");
        assertThat(messages.get(1).path("content").asText()).isEqualTo("Is aspirin sold in pharmacies?");
        assertThat(messages.get(2).path("role").asText()).isEqualTo("assistant");
        assertThat(messages.get(2).path("content").asText()).isEqualTo("It lowers the risk of myocardial infarction.");
        assertThat(messages.get(3).path("content").asText())
                .endsWith("Question: Does acetylsalicylic acid lower the risk of myocardial infarction?");
        // a follow-up's answer depends on its turns: never from the cache
        assertThat(followUp.get("cached").asBoolean()).isFalse();
        assertThat(ask(Map.of("question", "Does it help the heart?", "sessionId", "s1")).get("cached").asBoolean())
                .isFalse();

        // and: the same words in another session are a first question, condensed by nobody
        ask(Map.of("question", "Does it help the heart?", "sessionId", "s2"));
        assertThat(llm.requests().stream().filter(r -> message(r, "system").contains("standalone question")))
                .hasSize(2);
    }

    private List<String> variantRequests() {
        return llm.requests().stream().filter(r -> message(r, "system").contains("search queries"))
                .map(r -> message(r, "user")).toList();
    }

    private JsonNode ask(Map<String, Object> body) throws Exception {
        var response = caravan.post("/api/ask", "application/json", JSON.writeValueAsString(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }
}
