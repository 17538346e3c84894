package io.caravan.cli;

import io.caravan.CaravanRuntime;

import java.util.LinkedHashMap;
import java.util.Map;

/** A runtime for one-shot commands: the pipelines only, no HTTP server, no JMS broker and no watching of the share. */
final class OfflineRuntime {

    private OfflineRuntime() {
    }

    static CaravanRuntime start(Map<String, String> config) throws Exception {
        quietLogs();
        Map<String, String> offline = new LinkedHashMap<>(config);
        offline.put("camel.server.enabled", "false");
        // named one by one: a classpath wildcard reads every jar entry by entry (seconds at each start)
        offline.put("camel.main.routes-include-pattern", "classpath:routes/errors.camel.yaml,"
                + "classpath:routes/pipeline-ingest.camel.yaml,classpath:routes/pipeline-ask.camel.yaml,"
                + "classpath:routes/source-file.camel.yaml");
        offline.put("caravan.sources.file.enabled", "false");
        // no channel route is loaded, so no broker either
        offline.put("caravan.jms.enabled", "false");
        offline.putIfAbsent("camel.main.duration-max-seconds", "0");
        return new CaravanRuntime(offline).start();
    }

    /** Lowers the log level to WARN unless configured; call before anything logs, as logback reads it once. */
    static void quietLogs() {
        // one-shot commands print their own output; the service's INFO log would drown it (logback.xml reads this)
        if (System.getProperty("CARAVAN_LOG_LEVEL") == null && System.getenv("CARAVAN_LOG_LEVEL") == null) {
            System.setProperty("CARAVAN_LOG_LEVEL", "WARN");
        }
    }
}
