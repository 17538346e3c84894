package io.caravan.channel;

import io.caravan.index.HybridIndex;
import io.caravan.ingest.DocumentLedger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Reports liveness and readiness from the index, the ledger, the Camel context and the servers the enabled
 * channels need (the JMS broker). Liveness checks none of them: a dependency that is down makes the instance
 * unready, it must never get the process restarted (docs/operations.md#kubernetes). Thread safe.
 */
public class HealthReporter {

    static final String UP = "UP";
    static final String DOWN = "DOWN";

    private final HybridIndex index;
    private final DocumentLedger ledger;
    private final BooleanSupplier routesStarted;
    private final Map<String, BooleanSupplier> servers;
    private final Supplier<String> sources;
    private final String ocr;

    public HealthReporter(HybridIndex index, DocumentLedger ledger, BooleanSupplier routesStarted) {
        this(index, ledger, routesStarted, Map.of(), () -> "standalone", "off");
    }

    /**
     * @param servers further readiness checks by name ({@code broker}), each up or down
     * @param sources whether this instance runs the sources now ({@code standalone}, {@code leader}, {@code follower})
     * @param ocr     whether scans can be read ({@code available}, {@code unavailable}, {@code off}); reported, never
     *                a readiness check: without OCR every other document is still served
     */
    public HealthReporter(HybridIndex index, DocumentLedger ledger, BooleanSupplier routesStarted,
                          Map<String, BooleanSupplier> servers, Supplier<String> sources, String ocr) {
        this.ocr = ocr;
        this.index = index;
        this.ledger = ledger;
        this.routesStarted = routesStarted;
        this.servers = Map.copyOf(servers);
        this.sources = sources;
    }

    /** The current health: liveness, readiness and the sources' role in one body ({@code GET /api/health}). */
    public Health report() {
        Readiness readiness = ready();
        return new Health(readiness.status(), true, readiness.ready(), readiness.checks(), sources.get(), ocr);
    }

    /** Liveness ({@code GET /api/health/live}): answering at all is the proof, so nothing is checked. */
    public Liveness live() {
        return Liveness.UP;
    }

    /** Readiness ({@code GET /api/health/ready}): every check, and the names of those that are down. */
    public Readiness ready() {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("index", state(index.isHealthy()));
        checks.put("ledger", state(ledger.isOpen()));
        checks.put("routes", state(routesStarted.getAsBoolean()));
        servers.forEach((name, check) -> checks.put(name, state(check.getAsBoolean())));
        return Readiness.of(checks);
    }

    private static String state(boolean up) {
        return up ? UP : DOWN;
    }
}
