package io.caravan.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.index.RecordingHybridIndex;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AclRelabellerTest {

    @TempDir
    Path dataDir;

    private final RecordingHybridIndex index = new RecordingHybridIndex();
    private DocumentLedger ledger;
    private AclRelabeller relabeller;

    @BeforeEach
    void open() {
        ledger = new MvStoreDocumentLedger(dataDir);
        relabeller = new AclRelabeller(index, ledger);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void should_be_due_when_an_unchanged_document_comes_with_another_acl_or_the_ledger_has_none() {
        // given
        ledger.markIndexed(document("a.txt", List.of("public")), 1);
        ledger.markPending("old.txt", "file", "h-old.txt");

        // when / then
        assertThat(relabeller.isRelabelDue(document("a.txt", List.of("public")))).isFalse();
        assertThat(relabeller.isRelabelDue(document("a.txt", List.of("hr")))).isTrue();
        assertThat(relabeller.isRelabelDue(document("old.txt", List.of("public")))).isTrue();
        assertThat(relabeller.isRelabelDue(document("unknown.txt", List.of("hr")))).isFalse();
    }

    @Test
    void should_relabel_the_index_and_the_ledger_from_the_source_document() {
        // given
        ledger.markIndexed(document("a.txt", List.of("public")), 2);

        // when
        relabeller.relabelFromSource(document("a.txt", List.of("hr", "exec")));

        // then
        assertThat(index.relabelled()).containsExactly(Map.entry("a.txt", List.of("hr", "exec")));
        DocumentRecord record = ledger.find("a.txt").orElseThrow();
        assertThat(record.acl()).containsExactly("hr", "exec");
        assertThat(record.status()).isEqualTo(DocumentStatus.INDEXED);
        assertThat(record.chunks()).isEqualTo(2);
    }

    @Test
    void should_treat_the_same_groups_in_another_order_as_unchanged() {
        // given
        ledger.markIndexed(document("a.txt", List.of("hr", "exec")), 1);

        // when
        boolean changed = relabeller.relabel("a.txt", List.of("exec", "hr"));

        // then
        assertThat(changed).isFalse();
        assertThat(index.relabelled()).isEmpty();
    }

    @Test
    void should_update_only_the_ledger_of_failed_and_deleted_documents() {
        // given
        ledger.markFailed("bad.pdf", "file", "h", List.of("public"), "parse", "encrypted");
        ledger.markIndexed(document("gone.txt", List.of("public")), 1);
        ledger.markDeleted("gone.txt");

        // when
        relabeller.relabel("bad.pdf", List.of("hr"));
        relabeller.relabel("gone.txt", List.of("hr"));

        // then
        assertThat(index.relabelled()).isEmpty();
        assertThat(ledger.find("bad.pdf").orElseThrow().acl()).containsExactly("hr");
        assertThat(ledger.find("bad.pdf").orElseThrow().status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(ledger.find("gone.txt").orElseThrow().acl()).containsExactly("hr");
    }

    @Test
    void should_relabel_every_live_document_of_a_source_whose_acl_changed_and_skip_what_it_cannot_tell() {
        // given
        ledger.markIndexed(document("hr/a.txt", List.of("public")), 1);
        ledger.markIndexed(document("hr/b.txt", List.of("hr")), 1);
        ledger.markIndexed(document("c.txt", List.of("public")), 1);
        ledger.markIndexed(document("d.txt", List.of("public")), 1);
        ledger.markIndexed(new SourceDocument("s3://b/hr/x", "s3", null, new byte[0], "h", List.of("public"), null), 1);

        // when
        int relabelled = relabeller.relabelAll("file", docId -> {
            if (docId.equals("d.txt")) {
                throw new IngestException("read", "unreadable");
            }
            return docId.startsWith("hr/") ? List.of("hr") : List.of("public");
        });

        // then
        assertThat(relabelled).isEqualTo(1);
        assertThat(index.relabelled()).containsOnlyKeys("hr/a.txt");
        assertThat(ledger.find("s3://b/hr/x").orElseThrow().acl()).containsExactly("public");
    }

    private static SourceDocument document(String docId, List<String> acl) {
        return new SourceDocument(docId, "file", null, new byte[0], "h-" + docId, acl, null);
    }
}
