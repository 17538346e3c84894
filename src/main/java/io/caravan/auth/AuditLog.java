package io.caravan.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Objects;

/**
 * The audit trail (docs/operations.md#audit-log): one line on the {@code caravan.audit} logger per answered
 * question (request id, principal, groups, channel, cited document ids) and per denied request (request id,
 * channel, reason, the caller or its address), and the {@code caravan_auth_failures_total} counter by channel and
 * reason. Never a credential or a question's text; principals only in the log, never as metric labels. Thread safe.
 */
public class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger("caravan.audit");

    private final MeterRegistry meters;

    public AuditLog(MeterRegistry meters) {
        this.meters = meters;
    }

    /** A question was answered for {@code principal}; {@code citedDocIds} are the documents its answer cites. */
    public void answered(String requestId, String principal, Collection<String> groups, String channel,
                         Collection<String> citedDocIds) {
        LOG.info("question answered requestId={} principal={} groups={} channel={} cited={}", requestId,
                quoted(principal), String.join(",", new java.util.TreeSet<>(groups)), channel,
                String.join(",", new java.util.LinkedHashSet<>(citedDocIds)));
    }

    /**
     * A request was refused: a credential that did not verify ({@code unauthorized}), an operation its role does not
     * allow ({@code forbidden}), too many failed credentials, a document it may not see.
     *
     * @param who the principal when known, else the client's address or sender
     */
    public void denied(String requestId, String channel, String reason, String who) {
        LOG.warn("request denied requestId={} channel={} reason={} caller={}", requestId, channel, reason,
                quoted(who));
    }

    /** A credential failed: logged as denied and counted by channel and reason. */
    public void authenticationFailed(String requestId, String channel, String reason, String who) {
        denied(requestId, channel, reason, who);
        Counter.builder("caravan.auth.failures")
                .description("Credentials refused, by channel and reason")
                .tag("channel", channel)
                .tag("reason", reason)
                .register(meters)
                .increment();
    }

    private static String quoted(String value) {
        // a principal comes from a token or a mail header: keep one audit record on one line
        String plain = Objects.requireNonNullElse(value, "-").replaceAll("[\\r\\n\"]", "_");
        return "\"" + plain + "\"";
    }
}
