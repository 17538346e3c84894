package io.caravan.channel;

import io.caravan.answer.Answer;
import io.caravan.answer.Question;
import io.caravan.metrics.LatencyBuckets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Counts the questions of every channel by outcome and answer mode, and times the answered ones from their receipt
 * (docs/operations.md#metrics): {@code caravan_questions_total{channel,outcome,mode}} and
 * {@code caravan_answer_seconds{channel,mode}}. The labels are closed sets: never a principal, a session or a
 * question's text. Thread safe.
 */
public class QuestionMetrics {

    // the logger of the ask route's "question answered" line: one logger holds every question's line
    private static final Logger LOG = LoggerFactory.getLogger("caravan.ask");

    /** The mode label of a question that got no answer. */
    static final String NO_MODE = "none";

    private final MeterRegistry meters;
    private final ErrorReplies errors;

    public QuestionMetrics(MeterRegistry meters, ErrorReplies errors) {
        this.meters = meters;
        this.errors = errors;
    }

    /**
     * One answered question: {@code degraded} when the LLM failed and the extractive fallback answered,
     * {@code no_answer} when nothing above the score floor was found, else {@code answered}.
     *
     * @param elapsedMillis since the channel received the question
     */
    public void answered(Question question, Answer answer, long elapsedMillis) {
        String channel = channelLabel(question.channel());
        String mode = answer.mode() == null ? NO_MODE : answer.mode();
        count(channel, outcomeOf(answer), mode);
        LatencyBuckets.histogram(Timer.builder("caravan.answer")
                        .description("time from a question's receipt to its answer, by channel and answer mode"))
                .tags("channel", channel, "mode", mode)
                .register(meters)
                .record(elapsedMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * One question that failed with {@code error}, counted by what its caller was told: {@code invalid} (4xx
     * other than the ones below), {@code refused} (401, 403), {@code throttled} (429), {@code unavailable} (503),
     * {@code error} (anything else); and its one log line, the failed counterpart of the ask route's "question
     * answered" (docs/operations.md#logs). A {@code null} channel means the failed request was not a question:
     * nothing is counted or logged.
     *
     * @param elapsedMillis since the channel received the question
     */
    public void failed(String channel, Throwable error, String requestId, long elapsedMillis) {
        if (channel == null) {
            return;
        }
        int status = errors.statusFor(error);
        String outcome = outcomeOf(status);
        count(channelLabel(channel), outcome, NO_MODE);
        LOG.info("question failed requestId={} channel={} outcome={} status={} ms={}", requestId,
                channelLabel(channel), outcome, status, elapsedMillis);
    }

    static String outcomeOf(Answer answer) {
        if (answer.degraded()) {
            return "degraded";
        }
        return answer.citations().isEmpty() ? "no_answer" : "answered";
    }

    static String outcomeOf(int status) {
        return switch (status) {
            case 401, 403 -> "refused";
            case 429 -> "throttled";
            case 503 -> "unavailable";
            default -> status >= 400 && status < 500 ? "invalid" : "error";
        };
    }

    private void count(String channel, String outcome, String mode) {
        Counter.builder("caravan.questions")
                .description("questions by channel, outcome and answer mode")
                .tags("channel", channel, "outcome", outcome, "mode", mode)
                .register(meters)
                .increment();
    }

    // the channel comes from Caravan's own code (http, jms, mail, cli, eval, openai, mcp), never from the caller; kept closed anyway
    private static String channelLabel(String channel) {
        return switch (channel == null ? "" : channel) {
            case "http", "jms", "mail", "cli", "eval", "openai", "mcp" -> channel;
            default -> "other";
        };
    }
}
