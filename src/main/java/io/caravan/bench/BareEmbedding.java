package io.caravan.bench;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.caravan.ingest.DocumentChunker;
import io.caravan.ingest.DocumentParser;
import io.caravan.ingest.FileSourceReader;
import io.caravan.ingest.TextChunk;
import org.apache.camel.CamelContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline of ingestion: the bare embedding model on the very chunk texts the pipeline embedded, read, parsed
 * and chunked first by the pipeline's own beans (untimed), then embedded with {@code embedAll}, which runs one text
 * per core in parallel. Not thread safe: one thread drives it.
 */
final class BareEmbedding {

    private final Path share;
    private final EmbeddingModel model;
    private final FileSourceReader reader;
    private final DocumentParser parser;
    private final DocumentChunker chunker;
    private final CpuShares cpu = new CpuShares(BenchThreads::groupOf);
    private long elapsedNanos;
    private long parseNanos;
    private int chunks;
    private long tokens;

    BareEmbedding(CamelContext context, Path share, EmbeddingModel model) {
        this.share = share;
        this.model = model;
        this.reader = context.getRegistry().lookupByNameAndType("fileSourceReader", FileSourceReader.class);
        this.parser = context.getRegistry().lookupByNameAndType("documentParser", DocumentParser.class);
        this.chunker = context.getRegistry().lookupByNameAndType("documentChunker", DocumentChunker.class);
    }

    /** Embeds the files' chunk texts; returns the embedding time alone. */
    long embed(List<Path> files) {
        List<TextSegment> segments = new ArrayList<>();
        long parseStart = System.nanoTime();
        for (Path file : files) {
            for (TextChunk chunk : chunker.chunk(parser.parse(reader.read(file.toFile(),
                    share.relativize(file).toString())))) {
                segments.add(TextSegment.from(chunk.text()));
                tokens += chunk.tokenCount();
            }
        }
        parseNanos += System.nanoTime() - parseStart;

        cpu.start();
        long start = System.nanoTime();
        chunks += model.embedAll(segments).content().size();
        long nanos = System.nanoTime() - start;
        elapsedNanos += nanos;
        cpu.stop();
        return nanos;
    }

    CpuShares cpu() {
        return cpu;
    }

    long elapsedNanos() {
        return elapsedNanos;
    }

    int chunks() {
        return chunks;
    }

    /** The section of the baseline's figures, for {@code documents} documents in all. */
    void report(int documents, BenchReport report) {
        double seconds = elapsedNanos / 1e9;
        report.section("Bare embedding model (embedAll over all chunk texts, one text per core in parallel)")
                .count("chunks re-chunked from the same files", "embedOnlyChunks", chunks)
                .figure("mean tokens per chunk", "meanTokensPerChunk", (double) tokens / Math.max(1, chunks), "")
                .figure("embedding time", "embedOnlySeconds", seconds, "s")
                .figure("documents/s", "embedOnlyDocsPerSec", documents / seconds, "docs/s")
                .figure("process CPU time", "embedOnlyCpuSeconds", cpu.processNanos() / 1e9, "s")
                .figure("chunks/s", "embedOnlyChunksPerSec", chunks / seconds, "chunks/s")
                .figure("read+parse+chunk alone, 1 thread (untimed side)", "parseChunkDocsPerSec",
                        documents / (parseNanos / 1e9), "docs/s");
    }
}
