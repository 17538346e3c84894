package io.caravan.config;

import java.time.Duration;

/**
 * How documents become chunks: the {@code caravan.ingest.*}, {@code caravan.chunking.*} and {@code caravan.embedding.*}
 * keys.
 *
 * @param concurrency      documents ingested at once ({@code caravan.ingest.concurrency})
 * @param maxFileSize      largest source item read, in bytes
 * @param parseTimeout     longest parse of one document
 * @param maxCharacters    most characters extracted from one document
 * @param maxEmbeddedDepth deepest nesting of archives and attachments opened
 * @param maxChunkTokens   a chunk's size limit in the embedding model's tokens
 * @param overlapTokens    tokens a chunk repeats from the one before
 * @param embeddingModel   the in-process embedding model's name
 * @param embeddingThreads threads embedding chunks
 */
public record IngestSettings(int concurrency, long maxFileSize, Duration parseTimeout, int maxCharacters,
                             int maxEmbeddedDepth, int maxChunkTokens, int overlapTokens, String embeddingModel,
                             int embeddingThreads) {

    public IngestSettings {
        atLeast("caravan.ingest.concurrency", concurrency, 1);
        atLeast("caravan.ingest.max-characters", maxCharacters, 1);
        atLeast("caravan.ingest.max-embedded-depth", maxEmbeddedDepth, 0);
        atLeast("caravan.chunking.max-tokens", maxChunkTokens, 1);
        atLeast("caravan.chunking.overlap-tokens", overlapTokens, 0);
        atLeast("caravan.embedding.threads", embeddingThreads, 1);
        if (maxFileSize < 1) {
            throw new IllegalStateException("caravan.ingest.max-file-size must be at least 1 byte, was " + maxFileSize);
        }
        if (2 * overlapTokens >= maxChunkTokens) {
            throw new IllegalStateException("caravan.chunking.overlap-tokens (" + overlapTokens
                    + ") must be under half of caravan.chunking.max-tokens (" + maxChunkTokens + ")");
        }
    }

    static IngestSettings read(Settings settings) {
        return new IngestSettings(settings.integer("caravan.ingest.concurrency"),
                settings.bytes("caravan.ingest.max-file-size"), settings.duration("caravan.ingest.parse-timeout"),
                settings.integer("caravan.ingest.max-characters"), settings.integer("caravan.ingest.max-embedded-depth"),
                settings.integer("caravan.chunking.max-tokens"), settings.integer("caravan.chunking.overlap-tokens"),
                settings.string("caravan.embedding.model"), settings.integer("caravan.embedding.threads"));
    }

    static void atLeast(String key, long value, long least) {
        if (value < least) {
            throw new IllegalStateException(key + " must be at least " + least + ", was " + value);
        }
    }
}
