package io.caravan.batch;

import io.caravan.config.StageTimings;
import io.caravan.index.DocumentChunks;
import org.apache.camel.Exchange;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the outcomes of documents sent through the ingest pipeline by a one-shot command: indexed (with chunks),
 * unchanged, failed (with the reason), and milliseconds per pipeline step. Thread safe.
 */
public final class IngestTally {

    private final AtomicInteger indexed = new AtomicInteger();
    private final AtomicInteger unchanged = new AtomicInteger();
    private final AtomicLong chunks = new AtomicLong();
    private final Map<String, String> failed = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> stepMillis = new ConcurrentHashMap<>();

    /** Records the finished exchange of document {@code id} (its {@code CaravanOutcome} and step timings). */
    public void record(String id, Exchange result) {
        String outcome = result.getProperty("CaravanOutcome", String.class);
        if ("indexed".equals(outcome)) {
            indexed.incrementAndGet();
            if (result.getMessage().getBody() instanceof DocumentChunks document) {
                chunks.addAndGet(document.chunks().size());
            }
        } else if ("unchanged".equals(outcome)) {
            unchanged.incrementAndGet();
        } else {
            Throwable error = result.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            failed(id, error == null ? result.getException() : error);
        }
        if (result.getProperty(StageTimings.PROPERTY) instanceof Map<?, ?> timings) {
            timings.forEach((step, ms) -> stepMillis.computeIfAbsent(String.valueOf(step), k -> new LongAdder())
                    .add(((Number) ms).longValue()));
        }
    }

    /** Records that document {@code id} failed before or outside the pipeline. */
    public void failed(String id, Throwable error) {
        failed.put(id, error == null ? "failed" : String.valueOf(error.getMessage()));
    }

    public int indexed() {
        return indexed.get();
    }

    public int unchanged() {
        return unchanged.get();
    }

    public long chunks() {
        return chunks.get();
    }

    /** Failed documents and their reasons, ordered by id. */
    public Map<String, String> failures() {
        return new TreeMap<>(failed);
    }

    /** Milliseconds summed over documents per pipeline step ({@code parse}, {@code embed}, ...). */
    public Map<String, Long> stepMillis() {
        Map<String, Long> sums = new TreeMap<>();
        stepMillis.forEach((step, ms) -> sums.put(step, ms.sum()));
        return sums;
    }
}
