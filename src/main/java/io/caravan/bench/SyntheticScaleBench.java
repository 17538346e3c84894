package io.caravan.bench;

import io.caravan.auth.Identity;
import io.caravan.config.CaravanSettings;
import io.caravan.config.RetrievalSettings;
import io.caravan.embed.EmbeddingModelSpec;
import io.caravan.index.DocumentChunks;
import io.caravan.index.HybridIndex;
import io.caravan.index.SearchMode;
import io.caravan.index.SearchRequest;
import org.apache.camel.CamelContext;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How the index of a running context behaves as it grows: {@link SyntheticChunks} are written through
 * {@link HybridIndex#upsertAll} the way ingestion writes ({@code caravan.ingest.concurrency} writers, by default one
 * document per call, so the engine's group commit or bulk rounds combine them as under ingestion; more per call
 * make a bulk load, as fast as the engine takes it), and after each step the
 * search latency of every mode, the heap after collection, the resident memory and the index's bytes on disk are
 * measured. No embedding model is called: the vectors are made up, so the run measures the index alone. Not thread
 * safe: one thread runs it.
 */
public final class SyntheticScaleBench {

    private static final List<SearchMode> MODES = List.of(SearchMode.BM25, SearchMode.DENSE, SearchMode.HYBRID);
    /** Full collections before reading the heap: the second one frees what the first one's finalization left. */
    private static final int COLLECTIONS = 2;

    private final HybridIndex index;
    private final SyntheticChunks chunks;
    private final String embeddingModel;
    private final int writers;
    private final int documentsPerCall;
    private final int limit;
    private final IndexFootprint footprint;
    private final PrintStream progress;
    private int written;

    /**
     * Writes into the index of {@code context} chunks of {@code seed} with vectors of {@code spec}'s dimensions,
     * {@code documentsPerCall} one-chunk documents per {@code upsertAll}; each step's figures are also shown on
     * {@code progress} as soon as they are measured.
     */
    public SyntheticScaleBench(CamelContext context, EmbeddingModelSpec spec, long seed, int documentsPerCall,
                               PrintStream progress) {
        if (documentsPerCall < 1) {
            throw new IllegalArgumentException("documentsPerCall must be at least 1, was " + documentsPerCall);
        }
        this.documentsPerCall = documentsPerCall;
        this.index = context.getRegistry().lookupByNameAndType("hybridIndex", HybridIndex.class);
        this.chunks = new SyntheticChunks(seed, spec.dimensions());
        this.embeddingModel = spec.name();
        CaravanSettings settings = CaravanSettings.of(context);
        this.writers = settings.ingest().concurrency();
        RetrievalSettings retrieval = settings.retrieval();
        // the limit HybridRetriever asks for with the default top-k, as QueryBench
        this.limit = Math.max(retrieval.candidates(), retrieval.topK());
        this.footprint = IndexFootprint.of(context);
        this.progress = progress;
    }

    /**
     * Grows the index to each of {@code steps} chunks (ascending) in turn and measures it there: {@code queries}
     * timed searches per mode after {@code warmup} untimed ones; the figures go to {@code report}.
     */
    public List<ScalePoint> measure(List<Integer> steps, int queries, int warmup, BenchReport report)
            throws IOException, InterruptedException {
        report.note("chunks", String.format(Locale.ROOT, "generated (seed-made text of %d-%d words with Zipf "
                        + "word frequencies, %d-dimension unit vectors), one per document, group public",
                SyntheticChunks.MIN_CHUNK_WORDS, SyntheticChunks.MAX_CHUNK_WORDS, chunks.dimensions()))
                .note("writes", writers + " writers (caravan.ingest.concurrency), HybridIndex.upsertAll of "
                        + documentsPerCall + (documentsPerCall == 1 ? " document" : " documents") + " per call "
                        + "(ingestion: 1); no embedding model call")
                .note("searches", String.format(Locale.ROOT, "%d per mode after %d warm-up ones, limit %d, "
                        + "group public, generated text and random unit vectors", queries, warmup, limit));
        List<ScalePoint> points = new ArrayList<>();
        for (int target : steps) {
            int before = written;
            long writeNanos = growTo(target);
            points.add(measureAt(target - before, writeNanos, queries, warmup));
            progress.println(String.format(Locale.ROOT, "synthetic: %,d chunks, %s", target,
                    points.get(points.size() - 1).toJson()));
        }
        report(points, report);
        return points;
    }

    /** Writes chunks until the index holds {@code target}; the time it took. */
    private long growTo(int target) throws InterruptedException, IOException {
        Instant now = Instant.now();
        AtomicInteger next = new AtomicInteger(written);
        Callable<Void> writer = () -> {
            for (int first = next.getAndAdd(documentsPerCall); first < target;
                 first = next.getAndAdd(documentsPerCall)) {
                List<DocumentChunks> documents = new ArrayList<>(documentsPerCall);
                for (int i = first; i < Math.min(target, first + documentsPerCall); i++) {
                    documents.add(chunks.document(i, embeddingModel, now));
                }
                index.upsertAll(documents);
            }
            return null;
        };
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers,
                task -> new Thread(task, "caravan-synthetic-writer-" + number.incrementAndGet()));
        long start = System.nanoTime();
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                running.add(pool.submit(writer));
            }
            for (Future<Void> done : running) {
                done.get();
            }
        } catch (ExecutionException e) {
            throw new IOException("writing synthetic chunks failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        long elapsed = System.nanoTime() - start;
        written = target;
        return elapsed;
    }

    private ScalePoint measureAt(long writtenChunks, long writeNanos, int queries, int warmup)
            throws IOException {
        long heapBytes = 0;
        for (int i = 0; i < COLLECTIONS; i++) {
            heapBytes = ResidentMemory.heapUsedAfterGcBytes();
        }
        long rssKb = ResidentMemory.residentKb().orElse(-1);
        Map<SearchMode, LatencyStats> latency = searchLatency(queries, warmup);
        // after the searches, so the engine's periodic refresh has put the last writes into segments
        IndexFootprint.Bytes disk = footprint.measure();
        return new ScalePoint(written, writtenChunks, writeNanos, latency, heapBytes, rssKb, disk);
    }

    /** Each query through every mode in turn, so the modes see the same machine load. */
    private Map<SearchMode, LatencyStats> searchLatency(int queries, int warmup) {
        for (int q = 0; q < warmup; q++) {
            for (SearchMode mode : MODES) {
                index.search(request(q, mode));
            }
        }
        Map<SearchMode, long[]> nanos = new EnumMap<>(SearchMode.class);
        MODES.forEach(mode -> nanos.put(mode, new long[queries]));
        for (int q = 0; q < queries; q++) {
            for (SearchMode mode : MODES) {
                // timed queries differ from the warm-up ones
                SearchRequest request = request(warmup + q, mode);
                long start = System.nanoTime();
                index.search(request);
                nanos.get(mode)[q] = System.nanoTime() - start;
            }
        }
        Map<SearchMode, LatencyStats> latency = new EnumMap<>(SearchMode.class);
        nanos.forEach((mode, series) -> latency.put(mode, LatencyStats.ofNanos(series)));
        return latency;
    }

    private SearchRequest request(int query, SearchMode mode) {
        return new SearchRequest(chunks.query(query), chunks.queryVector(query), mode, limit,
                Set.of(Identity.PUBLIC), Map.of());
    }

    /**
     * The growth table as {@code bench} prints it: a header row, then one row per step (chunks, the step's write
     * rate, p50 and p99 per mode, heap, RSS, index MB per 1,000 chunks, MB on disk).
     */
    public static List<List<String>> growthTable(List<ScalePoint> points) {
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("chunks", "write chunks/s"));
        MODES.forEach(mode -> header.addAll(List.of(ScalePoint.key(mode) + " p50 ms", ScalePoint.key(mode)
                + " p99 ms")));
        header.addAll(List.of("heap after GC MB", "RSS MB", "index MB/1,000 chunks", "on disk MB"));
        table.add(header);
        for (ScalePoint point : points) {
            List<String> row = new ArrayList<>(List.of(format("%,d", point.chunks()),
                    format("%,.0f", point.writeChunksPerSec())));
            MODES.forEach(mode -> row.addAll(List.of(format("%.2f", point.latency().get(mode).percentileMs(50)),
                    format("%.2f", point.latency().get(mode).percentileMs(99)))));
            row.addAll(List.of(format("%.1f", point.heapMb()), format("%.1f", point.rssMb()),
                    // a Lucene index not committed since it was created holds no chunk to divide by yet
                    point.disk().chunks() == 0 ? "-"
                            : format("%.2f", point.disk().indexPerThousand() / (1024.0 * 1024.0)),
                    format("%.1f", point.disk().disk() / (1024.0 * 1024.0))));
            table.add(row);
        }
        return table;
    }

    private static void report(List<ScalePoint> points, BenchReport report) {
        List<List<String>> table = growthTable(points);
        ScalePoint last = points.get(points.size() - 1);
        long totalNanos = points.stream().mapToLong(ScalePoint::writeNanos).sum();
        report.section("Synthetic scale: the index after each step (write rate of the step's own chunks)")
                .table(table)
                .section("Synthetic scale: at " + String.format(Locale.ROOT, "%,d", last.chunks()) + " chunks")
                .count("chunks", "chunks", last.chunks())
                .figure("write throughput, all steps", "writeChunksPerSec", last.chunks() * 1e9 / totalNanos,
                        "chunks/s")
                .figure("write time, all steps", "writeSeconds", totalNanos / 1e9, "s");
        for (SearchMode mode : MODES) {
            String key = ScalePoint.key(mode);
            report.figure(key + " search p50", key + "P50Ms", last.latency().get(mode).percentileMs(50), "ms")
                    .figure(key + " search p99", key + "P99Ms", last.latency().get(mode).percentileMs(99), "ms");
        }
        report.figure("JVM heap used after GC", "heapMbAfterGc", last.heapMb(), "MB")
                .figure("resident set size (VmRSS)", "rssMb", last.rssMb(), "MB")
                .count("index bytes per 1,000 chunks", "indexBytesPer1000Chunks",
                        Math.round(last.disk().indexPerThousand()))
                // Lucene's last commit or Elasticsearch's primaries: see IndexFootprint
                .figure("index size (" + String.format(Locale.ROOT, "%,d", last.disk().chunks()) + " chunks)",
                        "indexMb",
                        last.disk().index() / (1024.0 * 1024.0), "MB")
                .figure("on disk now (translog, uncommitted segments, merges in flight)", "diskMb",
                        last.disk().disk() / (1024.0 * 1024.0), "MB")
                .json("steps", points.stream().map(ScalePoint::toJson).toList());
    }

    private static String format(String format, Object value) {
        return String.format(Locale.ROOT, format, value);
    }
}
