package io.caravan.config;

import io.caravan.trace.StageTracer;
import org.apache.camel.CamelContext;
import org.apache.camel.mdc.MDCService;

/**
 * The MDC of JSON log lines (docs/operations.md#logs): Camel's MDC service puts an exchange's request id, document
 * id, principal and trace ids in the MDC around each of its processors and takes them out after, so a line logged
 * by any route step or bean carries them and a line of another exchange on the same thread never does. Installed only
 * with {@code caravan.log.format=json}: text lines do not show the MDC, so it would cost a little on every processor
 * for nothing.
 */
final class LogContextBeans {

    /** The exchange properties copied into the MDC; logback.xml names their JSON fields. */
    static final String MDC_PROPERTIES = String.join(",", "CaravanRequestId", "CaravanDocId", "CaravanPrincipal",
            StageTracer.TRACE_ID, StageTracer.SPAN_ID);

    private LogContextBeans() {
    }

    static void bind(CamelContext context, LogSettings log) {
        if (!log.json()) {
            return;
        }
        MDCService mdc = new MDCService();
        mdc.setCustomProperties(MDC_PROPERTIES);
        mdc.init(context);
    }
}
