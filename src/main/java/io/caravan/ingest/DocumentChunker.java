package io.caravan.ingest;

import java.util.List;

/** Splits a parsed document into chunks that fit the embedding model. Implementations are thread safe. */
public interface DocumentChunker {

    /** Chunks the document; every chunk is at most the configured size in model tokens. */
    List<TextChunk> chunk(ParsedDocument document);
}
