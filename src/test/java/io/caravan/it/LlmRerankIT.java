package io.caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.llm.LlmStub;
import io.caravan.llm.LlmStub.Reply;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.caravan.it.RunningCaravan.await;
import static io.caravan.it.RunningCaravan.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The LLM reranker (caravan.rerank.model=llm) uses the one chat model of the answer pipeline, so its grading requests
 * are counted in caravan_llm_tokens_total like the generation's.
 */
class LlmRerankIT {

    private static final String TOKENS_PROMPT =
            "caravan_llm_tokens_total{model=\"stub-model\",provider=\"openai\",type=\"prompt\"}";

    @TempDir
    Path data;
    @TempDir
    Path inbox;
    LlmStub llm;
    RunningCaravan caravan;

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
    void should_count_the_tokens_of_the_llm_rerankers_grading_requests_like_the_generations() throws Exception {
        // given: a model that grades when asked to grade and answers otherwise
        llm = LlmStub.start().replying(request -> LlmStub.systemMessage(request).contains("You grade search results")
                ? Reply.answer("1: 9\n2: 1") : Reply.answer("Five years [1]."));
        caravan = RunningCaravan.start(data, inbox, Map.of(
                "caravan.cache.enabled", "false",
                "caravan.jms.enabled", "false",
                "caravan.rerank.model", "llm",
                "caravan.llm.provider", "openai",
                "caravan.llm.base-url", llm.openAiBaseUrl(),
                "caravan.llm.model", "stub-model"));
        NotifyBuilder indexed = caravan.notifier().fromRoute("source-file").whenCompleted(2).create();
        Fixtures.volcanoText(inbox);
        Fixtures.coffeeMarkdown(inbox);
        await(indexed, 120);

        // when
        JsonNode answer = json(caravan.ask("How long did Krakatoa ash lower global temperatures?"));

        // then: one grading request and one generation, both metered
        assertThat(answer.get("mode").asText()).isEqualTo("llm");
        long grading = llm.requests().stream()
                .filter(r -> LlmStub.systemMessage(r).contains("You grade search results")).count();
        assertThat(grading).isEqualTo(1);
        assertThat(llm.requests()).hasSize(2);
        assertThat(LlmAnswersIT.metric(caravan, TOKENS_PROMPT)).isEqualTo(2.0 * LlmStub.PROMPT_TOKENS);
    }
}
