package io.caravan.ingest.s3;

import io.caravan.ingest.DocumentLedger;
import io.caravan.ingest.MvStoreDocumentLedger;
import io.caravan.ingest.IngestException;
import io.caravan.ingest.SourceDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3ObjectReaderTest {

    @TempDir
    Path data;
    DocumentLedger ledger;
    S3ObjectReader reader;

    @BeforeEach
    void open() {
        ledger = new MvStoreDocumentLedger(data);
        reader = new S3ObjectReader("docs", 16, List.of("staff"), ledger);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void should_read_an_object_as_a_document_named_by_bucket_and_key() {
        Instant modified = Instant.parse("2026-01-02T03:04:05Z");

        SourceDocument document = reader.read(stream("hello"), "a/b/note.txt", 5L, modified);

        assertThat(document.docId()).isEqualTo("s3://docs/a/b/note.txt");
        assertThat(document.source()).isEqualTo("s3");
        assertThat(document.fileName()).isEqualTo("note.txt");
        assertThat(document.acl()).containsExactly("staff");
        assertThat(document.modifiedAt()).isEqualTo(modified);
        assertThat(new String(document.content(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void should_refuse_an_object_over_the_limit_as_listed_or_as_streamed() {
        assertThatThrownBy(() -> reader.read(stream("x"), "big.txt", 17L, null))
                .isInstanceOf(IngestException.class).hasMessageContaining("17 bytes");
        assertThatThrownBy(() -> reader.read(stream("x".repeat(40)), "big.txt", 3L, null))
                .isInstanceOf(IngestException.class).hasMessageContaining("over the limit of 16");
    }

    @Test
    void should_skip_only_the_etag_last_handed_over_and_folder_markers() {
        assertThat(reader.isUnchanged("a.txt", "\"e1\"")).isFalse();

        reader.handedOver("a.txt", "\"e1\"");

        assertThat(reader.isUnchanged("a.txt", "\"e1\"")).isTrue();
        assertThat(reader.isUnchanged("a.txt", "\"e2\"")).isFalse();
        assertThat(reader.isUnchanged("a.txt", null)).isFalse();
        assertThat(reader.isUnchanged("folder/", "\"e9\"")).isTrue();
        assertThat(ledger.sourceVersion("s3://docs/a.txt")).isEqualTo("\"e1\"");
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
