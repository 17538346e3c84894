package io.caravan.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.index.RecordingHybridIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileShareReconcilerTest {

    @TempDir
    Path share;
    @TempDir
    Path dataDir;

    private final RecordingHybridIndex index = new RecordingHybridIndex();
    private DocumentLedger ledger;

    @BeforeEach
    void openLedger() {
        ledger = new DocumentLedger(dataDir);
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    @Test
    void should_delete_documents_whose_files_left_the_share_and_keep_present_ones() throws IOException {
        // given
        indexed("gone.txt");
        indexed("sub/kept.txt");
        file("sub/kept.txt");

        // when
        int removed = reconciler(true).reconcile();

        // then
        assertThat(removed).isEqualTo(1);
        assertThat(index.deleted()).containsExactly("gone.txt");
        assertThat(status("gone.txt")).isEqualTo(DocumentStatus.DELETED);
        assertThat(status("sub/kept.txt")).isEqualTo(DocumentStatus.INDEXED);
        assertThat(index.documentHashes()).containsOnlyKeys("sub/kept.txt");
    }

    @Test
    void should_not_count_files_under_hidden_folders_as_present() throws IOException {
        // given: the files were moved to .done and .error, the documents are still known
        indexed("x.txt");
        ledger.markFailed("y.txt", FileSourceReader.SOURCE, "h", "parse", "bad");
        file(".done/x.txt");
        file(".error/y.txt");
        file(".camel/z.txt");

        // when
        int removed = reconciler(true).reconcile();

        // then: hidden files are not documents, and do not keep x and y alive
        assertThat(removed).isEqualTo(2);
        assertThat(index.deleted()).containsExactlyInAnyOrder("x.txt", "y.txt");
        assertThat(status("x.txt")).isEqualTo(DocumentStatus.DELETED);
        assertThat(status("y.txt")).isEqualTo(DocumentStatus.DELETED);
        assertThat(ledger.find("z.txt")).isEmpty();
    }

    @Test
    void should_delete_nothing_in_drop_box_mode() {
        // given: no file is left in the share
        indexed("a.txt");
        indexed("b/c.txt");

        // when
        int removed = reconciler(false).reconcile();

        // then
        assertThat(removed).isZero();
        assertThat(index.deleted()).isEmpty();
        assertThat(status("a.txt")).isEqualTo(DocumentStatus.INDEXED);
        assertThat(status("b/c.txt")).isEqualTo(DocumentStatus.INDEXED);
    }

    @Test
    void should_never_touch_documents_of_other_sources() {
        // given
        index.with("s3://bucket/key.pdf", "h1").with("imap://inbox/42", "h2");
        ledger.markPending("s3://bucket/key.pdf", "s3", "h1");

        // when
        int removed = reconciler(true).reconcile();

        // then
        assertThat(removed).isZero();
        assertThat(index.deleted()).isEmpty();
        assertThat(status("s3://bucket/key.pdf")).isEqualTo(DocumentStatus.PENDING);
    }

    @Test
    void should_delete_documents_known_only_to_the_index() {
        // given: a crash left the index ahead of the ledger
        index.with("orphan.txt", "h");

        // when
        int removed = reconciler(true).reconcile();

        // then
        assertThat(removed).isEqualTo(1);
        assertThat(index.deleted()).containsExactly("orphan.txt");
        assertThat(index.documentHashes()).isEmpty();
    }

    @Test
    void should_not_delete_again_documents_already_deleted() {
        // given
        indexed("old.txt");
        ledger.markDeleted("old.txt");
        index.delete("old.txt");
        var before = index.deleted().size();

        // when
        int removed = reconciler(true).reconcile();

        // then
        assertThat(removed).isZero();
        assertThat(index.deleted()).hasSize(before);
    }

    @Test
    void should_skip_a_run_while_the_index_is_unavailable_and_catch_up_on_the_next() throws IOException {
        // given: a document whose file left the share, and an index that is down
        indexed("gone.txt");
        boolean[] down = {true};
        RecordingHybridIndex flaky = new RecordingHybridIndex() {
            @Override
            public synchronized java.util.Map<String, String> documentHashes() {
                if (down[0]) {
                    throw new io.caravan.index.IndexUnavailableException("connection refused", null);
                }
                return super.documentHashes();
            }
        };
        FileShareReconciler reconciler = new FileShareReconciler(share, true, flaky, ledger);

        // when
        int whileDown = reconciler.reconcile();
        down[0] = false;
        int afterwards = reconciler.reconcile();

        // then
        assertThat(whileDown).isZero();
        assertThat(afterwards).isEqualTo(1);
        assertThat(flaky.deleted()).containsExactly("gone.txt");
        assertThat(status("gone.txt")).isEqualTo(DocumentStatus.DELETED);
    }

    @Test
    void should_delete_nothing_when_the_share_is_missing() {
        // given: the share is not mounted
        indexed("a.txt");
        var reconciler = new FileShareReconciler(share.resolve("not-mounted"), true, index, ledger);

        // when
        int removed = reconciler.reconcile();

        // then
        assertThat(removed).isZero();
        assertThat(index.deleted()).isEmpty();
        assertThat(status("a.txt")).isEqualTo(DocumentStatus.INDEXED);
    }

    private FileShareReconciler reconciler(boolean mirror) {
        return new FileShareReconciler(share, mirror, index, ledger);
    }

    private void indexed(String docId) {
        ledger.markPending(docId, FileSourceReader.SOURCE, "hash-" + docId);
        ledger.markIndexed(new SourceDocument(docId, FileSourceReader.SOURCE, null, new byte[0], "hash-" + docId,
                java.util.List.of("public"), null), 1);
        index.with(docId, "hash-" + docId);
    }

    private void file(String relativePath) throws IOException {
        Path path = share.resolve(relativePath);
        Files.createDirectories(path.getParent());
        Files.writeString(path, "content of " + relativePath);
    }

    private DocumentStatus status(String docId) {
        return ledger.find(docId).orElseThrow().status();
    }
}
