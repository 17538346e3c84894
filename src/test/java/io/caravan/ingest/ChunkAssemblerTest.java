package io.caravan.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.index.Chunk;
import io.caravan.index.DocumentChunks;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkAssemblerTest {

    private static final Instant NOW = Instant.parse("2026-05-06T07:08:09Z");
    private static final Instant MODIFIED = Instant.parse("2026-01-02T03:04:05Z");

    private final ChunkAssembler assembler = new ChunkAssembler("bge-small", Clock.fixed(NOW, ZoneOffset.UTC));
    private final SourceDocument source = new SourceDocument("docs/a.pdf", "file", "a.pdf", new byte[]{1, 2},
            "hash-a", List.of("public", "staff"), MODIFIED);
    private final ParsedDocument parsed = new ParsedDocument("Annual report", "application/pdf", List.of());

    @Test
    void should_order_chunks_by_index_and_copy_the_document_metadata() {
        // given: the embedding step finished out of order
        var embedded = List.of(
                new EmbeddedChunk(new TextChunk(2, "third", "B", 3, 1), new float[]{2f}),
                new EmbeddedChunk(new TextChunk(0, "first", "A", 1, 1), new float[]{0f}),
                new EmbeddedChunk(new TextChunk(1, "second", "A > B", null, 1), new float[]{1f}));

        // when
        DocumentChunks result = assembler.assemble(source, parsed, embedded);

        // then
        assertThat(result.docId()).isEqualTo("docs/a.pdf");
        assertThat(result.contentHash()).isEqualTo("hash-a");
        assertThat(result.chunks()).extracting(Chunk::chunkId)
                .containsExactly("docs/a.pdf#0", "docs/a.pdf#1", "docs/a.pdf#2");
        assertThat(result.chunks()).extracting(Chunk::content).containsExactly("first", "second", "third");
        assertThat(result.chunks()).extracting(Chunk::chunkIndex).containsExactly(0, 1, 2);
        assertThat(result.chunks()).extracting(Chunk::section).containsExactly("A", "A > B", "B");
        assertThat(result.chunks()).extracting(Chunk::page).containsExactly(1, null, 3);
        assertThat(result.chunks()).extracting(c -> c.embedding()[0]).containsExactly(0f, 1f, 2f);
        for (Chunk chunk : result.chunks()) {
            assertThat(chunk.docId()).isEqualTo("docs/a.pdf");
            assertThat(chunk.source()).isEqualTo("file");
            assertThat(chunk.title()).isEqualTo("Annual report");
            assertThat(chunk.mimeType()).isEqualTo("application/pdf");
            assertThat(chunk.acl()).containsExactly("public", "staff");
            assertThat(chunk.contentHash()).isEqualTo("hash-a");
            assertThat(chunk.embeddingModel()).isEqualTo("bge-small");
            assertThat(chunk.modifiedAt()).isEqualTo(MODIFIED);
            assertThat(chunk.ingestedAt()).isEqualTo(NOW);
        }
    }

    @Test
    void should_assemble_no_chunks_from_no_embedded_chunks() {
        // when / then
        assertThat(assembler.assemble(source, parsed, List.of()).chunks()).isEmpty();
        assertThat(assembler.assemble(source, parsed, null).chunks()).isEmpty();
    }
}
