package io.caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.answer.Answer;
import io.caravan.answer.Question;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.caravan.it.RunningCaravan.await;
import static io.caravan.it.RunningCaravan.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The answer cache and the per-caller rate limit through /api/ask (and direct:ask for callers in other groups). */
class AnswerCacheIT {

    @TempDir
    Path data;
    @TempDir
    Path inbox;
    RunningCaravan caravan;

    @AfterEach
    void stop() {
        if (caravan != null) {
            caravan.close();
        }
    }

    private void startWith(Map<String, String> config, String file, String text) throws Exception {
        caravan = RunningCaravan.start(data, inbox, config);
        NotifyBuilder indexed = caravan.notifier().fromRoute("source-file").whenCompleted(1).create();
        Files.writeString(inbox.resolve(file), text);
        await(indexed, 120);
    }

    @Test
    void should_serve_a_repeated_question_from_the_cache_until_the_cited_document_changes() throws Exception {
        // given
        startWith(Map.of(), "volcano.txt", "The Krakatoa eruption of 1883 was heard 4800 kilometres away.");

        // when: the same question twice, the second differently cased and spaced
        JsonNode first = json(caravan.ask("How far away was the Krakatoa eruption heard?"));
        JsonNode second = json(caravan.ask("  how far away was the KRAKATOA eruption heard  "));

        // then
        assertThat(first.get("cached").asBoolean()).isFalse();
        assertThat(first.get("answer").asText()).contains("4800 kilometres");
        assertThat(second.get("cached").asBoolean()).isTrue();
        assertThat(second.get("answer").asText()).isEqualTo(first.get("answer").asText());
        assertThat(second.get("requestId").asText()).isNotEqualTo(first.get("requestId").asText());

        // when: the cited document is re-ingested with new content
        NotifyBuilder reindexed = caravan.notifier().fromRoute("source-file").whenCompleted(1).create();
        Files.writeString(inbox.resolve("volcano.txt"),
                "The Krakatoa eruption of 1883 was heard 4830 kilometres away, on Rodrigues island.");
        await(reindexed, 120);
        JsonNode afterChange = json(caravan.ask("How far away was the Krakatoa eruption heard?"));

        // then: a fresh answer from the new content, cached again from then on
        assertThat(afterChange.get("cached").asBoolean()).isFalse();
        assertThat(afterChange.get("answer").asText()).contains("4830 kilometres");
        assertThat(json(caravan.ask("How far away was the Krakatoa eruption heard?")).get("cached").asBoolean())
                .isTrue();
    }

    @Test
    void should_never_serve_one_groups_cached_answer_to_another_group() throws Exception {
        // given: the share's documents are visible to group finance only
        startWith(Map.of("caravan.sources.file.acl", "finance"), "budget.txt",
                "The travel budget for 2025 is 120000 euros, approved by the board in March.");
        String question = "What is the travel budget for 2025?";

        // when: a finance caller asks (twice: the second is cached), then a public caller asks the same
        Answer finance = ask(question, Set.of("finance"));
        Answer financeAgain = ask(question, Set.of("finance"));
        Answer outsider = ask(question, Set.of("public"));
        Answer outsiderAgain = ask(question, Set.of("public"));

        // then
        assertThat(finance.answer()).contains("120000 euros");
        assertThat(financeAgain.cached()).isTrue();
        assertThat(outsider.cached()).isFalse();
        assertThat(outsider.answer()).doesNotContain("120000");
        assertThat(outsider.citations()).isEmpty();
        assertThat(outsiderAgain.cached()).isTrue();
        assertThat(outsiderAgain.answer()).doesNotContain("120000");
    }

    @Test
    void should_answer_429_with_retry_after_once_a_caller_exceeds_its_rate() throws Exception {
        // given
        startWith(Map.of("caravan.ask.rate-limit-per-minute", "3"), "coffee.txt",
                "Espresso is brewed at nine bars of pressure for about 25 seconds.");

        // when
        for (int i = 0; i < 3; i++) {
            assertThat(caravan.ask("How is espresso brewed? " + i).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = caravan.ask("How is espresso brewed?");

        // then
        assertThat(refused.statusCode()).isEqualTo(429);
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        JsonNode error = json(refused);
        assertThat(error.at("/error/code").asText()).isEqualTo("too_many_requests");
        assertThat(error.at("/error/message").asText()).contains("caravan.ask.rate-limit-per-minute");
        assertThat(error.get("requestId").asText()).isNotBlank();
        // and: other errors carry no Retry-After
        assertThat(caravan.get("/api/documents/none.txt").headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void should_refuse_an_event_stream_over_the_rate_with_429_before_streaming_and_count_it_once() throws Exception {
        // given
        startWith(Map.of("caravan.ask.rate-limit-per-minute", "2"), "coffee.txt",
                "Espresso is brewed at nine bars of pressure for about 25 seconds.");

        // when: two streamed questions (one permit each, not one per route they pass), then a third
        HttpResponse<String> first = caravan.askStreaming("How is espresso brewed?");
        HttpResponse<String> second = caravan.askStreaming("How long is espresso brewed?");
        HttpResponse<String> refused = caravan.askStreaming("What pressure does espresso need?");

        // then
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(RunningCaravan.events(first)).last().extracting(RunningCaravan.Event::name).isEqualTo("done");
        assertThat(RunningCaravan.events(second)).last().extracting(RunningCaravan.Event::name).isEqualTo("done");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(json(refused).at("/error/code").asText()).isEqualTo("too_many_requests");
    }

    private Answer ask(String text, Set<String> groups) {
        Question question = new Question(UUID.randomUUID().toString(), text, null, Map.of(), null, groups, "test");
        return caravan.context().createProducerTemplate().requestBody("direct:ask", question, Answer.class);
    }
}
