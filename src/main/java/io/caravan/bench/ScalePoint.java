package io.caravan.bench;

import io.caravan.index.SearchMode;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one step of a synthetic scale run measured, once the index held {@code chunks}: one point of the growth
 * curve.
 *
 * @param chunks        chunks in the index
 * @param writtenChunks chunks written in this step
 * @param writeNanos    the time they took
 * @param latency       search latency by mode
 * @param heapBytes     heap in use after full collections
 * @param rssKb         the process's resident set size, or -1 where unknown
 * @param disk          the index's bytes on disk
 */
public record ScalePoint(long chunks, long writtenChunks, long writeNanos, Map<SearchMode, LatencyStats> latency,
                         long heapBytes, long rssKb, IndexFootprint.Bytes disk) {

    public ScalePoint {
        latency = Map.copyOf(latency);
    }

    public double writeChunksPerSec() {
        return writeNanos == 0 ? 0 : writtenChunks * 1e9 / writeNanos;
    }

    public double heapMb() {
        return heapBytes / (1024.0 * 1024.0);
    }

    public double rssMb() {
        return rssKb < 0 ? -1 : rssKb / 1024.0;
    }

    /** The point as JSON fields, latencies as {@code <mode>P50Ms} and {@code <mode>P99Ms}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("chunks", chunks);
        json.put("writeChunksPerSec", round(writeChunksPerSec()));
        for (SearchMode mode : SearchMode.values()) {
            LatencyStats stats = latency.get(mode);
            if (stats != null) {
                json.put(key(mode) + "P50Ms", round(stats.percentileMs(50)));
                json.put(key(mode) + "P99Ms", round(stats.percentileMs(99)));
            }
        }
        json.put("heapMbAfterGc", round(heapMb()));
        json.put("rssMb", round(rssMb()));
        json.put("indexBytesPer1000Chunks", Math.round(disk.indexPerThousand()));
        json.put("indexBytes", disk.index());
        json.put("indexChunks", disk.chunks());
        json.put("diskBytes", disk.disk());
        return json;
    }

    /** The mode's name in JSON keys and tables: {@code bm25}, {@code dense}, {@code hybrid}. */
    public static String key(SearchMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
