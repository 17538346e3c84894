package io.caravan.retrieve;

import io.caravan.llm.ChatCompletionsStub;
import io.caravan.llm.ChatModelFactory;
import io.caravan.throttle.LlmPermits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class QueryVariantsTest {

    @Test
    void should_read_one_query_a_line_without_markers_duplicates_or_the_question() {
        String reply = "1. aspirin myocardial infarction prevention\n- \"acetylsalicylic acid heart attack\"\n\n"
                + "Does aspirin prevent heart attacks?\n2) aspirin myocardial infarction prevention\nfourth one";
        assertThat(QueryVariants.parse(reply, "Does aspirin prevent heart attacks?", 3)).containsExactly(
                "aspirin myocardial infarction prevention", "acetylsalicylic acid heart attack", "fourth one");
    }

    @Test
    void should_ask_the_model_for_the_configured_count_and_give_none_on_failure() throws Exception {
        try (ChatCompletionsStub stub = ChatCompletionsStub.start()) {
            // given
            QueryVariants variants = new QueryVariants(ChatModelFactory.create(stub.settings(Duration.ofSeconds(5))),
                    new LlmPermits(true, 1, Duration.ofSeconds(1)), false, 2);
            stub.replying(request -> "aspirin infarction\nacetylsalicylic acid cardiac");

            // when / then
            assertThat(variants.variants("Does aspirin prevent heart attacks?"))
                    .containsExactly("aspirin infarction", "acetylsalicylic acid cardiac");
            assertThat(ChatCompletionsStub.message(stub.requests().get(0), "system")).contains("write 2 different");
            assertThat(ChatCompletionsStub.message(stub.requests().get(0), "user"))
                    .isEqualTo("<question>Does aspirin prevent heart attacks?</question>");

            // and: a server failure gives no variants (the question alone is searched)
            stub.replying(request -> {
                throw new IllegalStateException("boom");
            });
            assertThat(variants.variants("q")).isEmpty();
        }
    }

    @Test
    void should_be_off_without_a_model_or_a_count() {
        LlmPermits permits = new LlmPermits(false, 1, Duration.ZERO);
        assertThat(new QueryVariants(Optional.empty(), permits, true, 3).enabled()).isFalse();
        assertThat(new QueryVariants(Optional.empty(), permits, false, 0).variants("q")).isEqualTo(List.of());
    }
}
