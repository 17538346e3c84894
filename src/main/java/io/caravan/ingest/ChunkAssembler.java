package io.caravan.ingest;

import io.caravan.index.Chunk;
import io.caravan.index.DocumentChunks;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Builds the index records of a document from its source, its parse and its embedded chunks. Thread safe. */
public class ChunkAssembler {

    private final String embeddingModel;
    private final Clock clock;

    public ChunkAssembler(String embeddingModel) {
        this(embeddingModel, Clock.systemUTC());
    }

    ChunkAssembler(String embeddingModel, Clock clock) {
        this.embeddingModel = embeddingModel;
        this.clock = clock;
    }

    /** All chunks of the document, in document order, ready to upsert. */
    public DocumentChunks assemble(SourceDocument source, ParsedDocument parsed, List<EmbeddedChunk> embedded) {
        List<EmbeddedChunk> ordered = new ArrayList<>(embedded == null ? List.of() : embedded);
        // document order whatever order the embedding step handed them over in
        ordered.sort(Comparator.comparingInt(e -> e.chunk().index()));
        Instant now = clock.instant();
        List<Chunk> chunks = new ArrayList<>(ordered.size());
        for (EmbeddedChunk e : ordered) {
            TextChunk c = e.chunk();
            chunks.add(new Chunk(Chunk.idOf(source.docId(), c.index()), source.docId(), source.source(),
                    parsed.title(), c.text(), c.section(), c.page(), c.index(), source.contentHash(),
                    parsed.mimeType(), source.acl(), source.modifiedAt(), now, e.vector(), embeddingModel));
        }
        return new DocumentChunks(source.docId(), source.contentHash(), chunks);
    }
}
