package io.caravan.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.index.Chunk;
import io.caravan.index.DocumentChunks;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranslogCodecTest {

    @Test
    void should_read_back_every_field_of_an_upsert_including_absent_ones() throws IOException {
        // given
        Chunk full = new Chunk("a.pdf#0", "a.pdf", "share", "Title é", "content ✓", "Intro > Scope", 3, 0,
                "hash", "application/pdf", List.of("public", "hr"), Instant.ofEpochSecond(1_700_000_000, 123),
                Instant.ofEpochSecond(1_700_000_100, 456_789), new float[] {0.25f, -1f, 3.5f}, "bge");
        Chunk sparse = new Chunk("a.pdf#1", "a.pdf", null, null, "x".repeat(70_000), null, null, 1, null, null,
                List.of(), null, null, new float[] {1f}, null);
        List<DocumentChunks> batch = List.of(new DocumentChunks("a.pdf", "hash", List.of(full, sparse)),
                new DocumentChunks("gone.md", null, List.of()));

        // when
        TranslogCodec.Operation read = TranslogCodec.decode(TranslogCodec.upsert(batch));

        // then
        assertThat(read).isInstanceOf(TranslogCodec.Upsert.class);
        List<DocumentChunks> documents = ((TranslogCodec.Upsert) read).documents();
        assertThat(documents).hasSize(2);
        assertThat(documents.get(0).docId()).isEqualTo("a.pdf");
        assertThat(documents.get(0).contentHash()).isEqualTo("hash");
        assertThat(documents.get(0).chunks()).usingRecursiveFieldByFieldElementComparator()
                .containsExactly(full, sparse);
        assertThat(documents.get(1).docId()).isEqualTo("gone.md");
        assertThat(documents.get(1).contentHash()).isNull();
        assertThat(documents.get(1).chunks()).isEmpty();
    }

    @Test
    void should_read_back_a_delete() throws IOException {
        assertThat(TranslogCodec.decode(TranslogCodec.delete("folder/ü.txt")))
                .isEqualTo(new TranslogCodec.Delete("folder/ü.txt"));
    }

    @Test
    void should_refuse_a_record_of_an_unknown_format() {
        assertThatThrownBy(() -> TranslogCodec.decode(new byte[] {7, 1}))
                .isInstanceOf(IOException.class).hasMessageContaining("format");
    }
}
