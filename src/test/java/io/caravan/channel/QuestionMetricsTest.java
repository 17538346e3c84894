package io.caravan.channel;

import io.caravan.answer.Answer;
import io.caravan.answer.Citation;
import io.caravan.answer.Question;
import io.caravan.auth.AuthenticationException;
import io.caravan.throttle.RetryLaterException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class QuestionMetricsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final QuestionMetrics metrics = new QuestionMetrics(meters, new ErrorReplies());

    @Test
    void should_count_an_answer_by_channel_outcome_and_mode_and_time_it() {
        // when
        metrics.answered(question("http"), answer("llm", false, 1), 1500);
        metrics.answered(question("jms"), answer("extractive", false, 0), 20);
        metrics.answered(question("mail"), answer("extractive", true, 2), 30);

        // then
        assertThat(count("http", "answered", "llm")).isEqualTo(1);
        assertThat(count("jms", "no_answer", "extractive")).isEqualTo(1);
        assertThat(count("mail", "degraded", "extractive")).isEqualTo(1);
        var timer = meters.get("caravan.answer").tags("channel", "http", "mode", "llm").timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1500);
    }

    @Test
    void should_count_a_failed_question_by_what_its_caller_was_told() {
        // when
        metrics.failed("http", ApiException.badRequest("no question"), "r1", 5);
        metrics.failed("http", new AuthenticationException("missing", "no credential"), "r1", 5);
        metrics.failed("jms", new RetryLaterException(429, "rate_limited", "slow down", 3), "r1", 5);
        metrics.failed("jms", new RetryLaterException(503, "llm_busy", "busy", 1), "r1", 5);
        metrics.failed("mail", new IllegalStateException("bug"), "r1", 5);

        // then
        assertThat(count("http", "invalid", "none")).isEqualTo(1);
        assertThat(count("http", "refused", "none")).isEqualTo(1);
        assertThat(count("jms", "throttled", "none")).isEqualTo(1);
        assertThat(count("jms", "unavailable", "none")).isEqualTo(1);
        assertThat(count("mail", "error", "none")).isEqualTo(1);
    }

    @Test
    void should_count_nothing_for_a_failed_request_that_was_not_a_question() {
        // when: a documents request failed on the HTTP channel (no question channel marked)
        metrics.failed(null, ApiException.notFound("no such document"), "r1", 5);

        // then
        assertThat(meters.find("caravan.questions").counters()).isEmpty();
    }

    @Test
    void should_keep_labels_to_a_closed_set_whatever_the_channel_says() {
        // when
        metrics.answered(question("alice@example.com"), answer("llm", false, 1), 5);

        // then
        assertThat(count("other", "answered", "llm")).isEqualTo(1);
    }

    private double count(String channel, String outcome, String mode) {
        return meters.get("caravan.questions").tags("channel", channel, "outcome", outcome, "mode", mode)
                .counter().count();
    }

    private static Question question(String channel) {
        return new Question("r1", "What is secret?", null, null, null, Set.of("public"), channel);
    }

    private static Answer answer(String mode, boolean degraded, int citations) {
        List<Citation> cited = java.util.stream.IntStream.rangeClosed(1, citations)
                .mapToObj(n -> new Citation(n, "doc" + n, "file", "Doc", "", null, "text", null, 1.0)).toList();
        return new Answer("answer", cited, mode, degraded, false, "r1", null);
    }
}
