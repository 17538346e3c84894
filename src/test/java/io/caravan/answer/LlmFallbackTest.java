package io.caravan.answer;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeoutException;

import static io.caravan.answer.AnswerHits.hit;
import static io.caravan.answer.AnswerHits.question;
import static org.assertj.core.api.Assertions.assertThat;

class LlmFallbackTest {

    @Test
    void should_answer_extractively_flagged_degraded_and_count_the_reason() {
        // given
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        LlmFallback fallback = new LlmFallback(new ExtractiveAnswerGenerator(3, 200), meters);

        // when
        Answer answer = fallback.answer(question("When did Krakatoa erupt?"),
                List.of(hit("a.txt", "A", "Krakatoa erupted in 1883 with a great blast.", 0.9)),
                new IllegalStateException("HTTP 500"));

        // then
        assertThat(answer.mode()).isEqualTo("extractive");
        assertThat(answer.degraded()).isTrue();
        assertThat(answer.answer()).isEqualTo("Krakatoa erupted in 1883 with a great blast. [1]");
        assertThat(meters.counter(LlmFallback.METER, "reason", "error").count()).isEqualTo(1);
    }

    @Test
    void should_count_a_refused_call_a_timeout_and_a_failure_as_the_breaker_reports_them() {
        // given
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        LlmFallback fallback = new LlmFallback(new ExtractiveAnswerGenerator(3, 200), meters);
        List<io.caravan.index.Hit> passages = List.of(hit("a.txt", "A", "Krakatoa erupted in 1883 loudly.", 0.9));

        // when
        fallback.answer(question("q"), passages, null);
        fallback.answer(question("q"), passages, new RuntimeException(new TimeoutException("request timed out")));
        fallback.answer(question("q"), passages, new IllegalStateException("HTTP 500"));

        // then
        assertThat(meters.counter(LlmFallback.METER, "reason", "open").count()).isEqualTo(1);
        assertThat(meters.counter(LlmFallback.METER, "reason", "timeout").count()).isEqualTo(1);
        assertThat(meters.counter(LlmFallback.METER, "reason", "error").count()).isEqualTo(1);
    }

    @Test
    void should_tell_an_open_breaker_and_a_timeout_from_other_failures() {
        CircuitBreaker breaker = CircuitBreaker.ofDefaults("llm");
        breaker.transitionToOpenState();
        assertThat(LlmFallback.reasonOf(CallNotPermittedException.createCallNotPermittedException(breaker)))
                .isEqualTo("open");
        assertThat(LlmFallback.reasonOf(new RuntimeException(new TimeoutException()))).isEqualTo("timeout");
        assertThat(LlmFallback.reasonOf(new IllegalStateException("boom"))).isEqualTo("error");
        assertThat(LlmFallback.reasonOf(null)).isEqualTo("error");
    }
}
