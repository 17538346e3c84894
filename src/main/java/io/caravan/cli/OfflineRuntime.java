package io.caravan.cli;

import io.caravan.CaravanRuntime;

import java.util.LinkedHashMap;
import java.util.Map;

/** A runtime for one-shot commands: the pipelines only, no HTTP server and no watching of the share. */
final class OfflineRuntime {

    private OfflineRuntime() {
    }

    static CaravanRuntime start(Map<String, String> config) throws Exception {
        Map<String, String> offline = new LinkedHashMap<>(config);
        offline.put("camel.server.enabled", "false");
        offline.put("camel.main.routes-exclude-pattern", "classpath:routes/channel-*.camel.yaml");
        offline.put("caravan.sources.file.enabled", "false");
        offline.putIfAbsent("camel.main.duration-max-seconds", "0");
        return new CaravanRuntime(offline).start();
    }
}
