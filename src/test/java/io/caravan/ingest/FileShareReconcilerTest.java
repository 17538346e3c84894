package io.caravan.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.index.RecordingHybridIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileShareReconcilerTest {

    @TempDir
    Path share;
    @TempDir
    Path dataDir;

    private final RecordingHybridIndex index = new RecordingHybridIndex();
    private DocumentLedger ledger;

    @BeforeEach
    void openLedger() {
        ledger = new MvStoreDocumentLedger(dataDir);
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
        FileShareReconciler reconciler = new FileShareReconciler(share, true, flaky, ledger, reader(),
                new UploadAcls(share), new AclRelabeller(flaky, ledger));

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
        var reconciler = new FileShareReconciler(share.resolve("not-mounted"), true, index, ledger, reader(),
                new UploadAcls(share), new AclRelabeller(index, ledger));

        // when
        int removed = reconciler.reconcile();

        // then
        assertThat(removed).isZero();
        assertThat(index.deleted()).isEmpty();
        assertThat(status("a.txt")).isEqualTo(DocumentStatus.INDEXED);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void should_relabel_documents_whose_rule_changed_in_mirror_and_drop_box_mode(boolean mirror) throws IOException {
        // given: indexed as public; the rules now give hr/ to hr, and an upload chose sales
        indexed("hr/pay.txt");
        indexed("notes.txt");
        indexed("uploads/deal.pdf");
        file("hr/pay.txt");
        file("notes.txt");
        file("uploads/deal.pdf");
        new UploadAcls(share).write("uploads/deal.pdf", List.of("sales"));
        ledger.markFailed("hr/broken.pdf", FileSourceReader.SOURCE, "h", List.of("public"), "parse", "bad");
        file("hr/broken.pdf");

        // when
        reconciler(mirror).reconcile();

        // then: index and ledger carry the new ACLs; the failed one only in the ledger; the unchanged one untouched
        assertThat(index.relabelled()).containsOnly(Map.entry("hr/pay.txt", List.of("hr")),
                Map.entry("uploads/deal.pdf", List.of("sales")));
        assertThat(acl("hr/pay.txt")).containsExactly("hr");
        assertThat(acl("uploads/deal.pdf")).containsExactly("sales");
        assertThat(acl("notes.txt")).containsExactly("public");
        assertThat(acl("hr/broken.pdf")).containsExactly("hr");
        assertThat(status("hr/broken.pdf")).isEqualTo(DocumentStatus.FAILED);
    }

    @Test
    void should_relabel_nothing_twice() throws IOException {
        // given
        indexed("hr/pay.txt");
        file("hr/pay.txt");
        FileShareReconciler reconciler = reconciler(true);
        reconciler.reconcile();
        RecordingHybridIndex after = new RecordingHybridIndex();

        // when: the same rules again
        new FileShareReconciler(share, true, after, ledger, reader(), new UploadAcls(share),
                new AclRelabeller(after, ledger)).reconcile();

        // then
        assertThat(after.relabelled()).isEmpty();
    }

    @Test
    void should_remove_the_acl_of_an_upload_whose_file_left_the_share_once_it_is_old_enough() throws IOException {
        // given: two uploads' ACLs without files, one written long ago, one just now (its file on the way)
        UploadAcls uploads = new UploadAcls(share);
        uploads.write("uploads/old.pdf", List.of("sales"));
        Path old = share.resolve("uploads/.old.pdf.acl");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        uploads.write("uploads/new.pdf", List.of("sales"));
        file("uploads/kept.pdf");
        uploads.write("uploads/kept.pdf", List.of("sales"));
        Files.setLastModifiedTime(share.resolve("uploads/.kept.pdf.acl"),
                FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        // when
        reconciler(true).reconcile();

        // then
        assertThat(old).doesNotExist();
        assertThat(uploads.read("uploads/new.pdf")).contains(List.of("sales"));
        assertThat(uploads.read("uploads/kept.pdf")).contains(List.of("sales"));
    }

    @Test
    void should_keep_the_acl_of_an_upload_moved_away_in_drop_box_mode() throws IOException {
        // given
        UploadAcls uploads = new UploadAcls(share);
        uploads.write("uploads/done.pdf", List.of("sales"));
        Files.setLastModifiedTime(share.resolve("uploads/.done.pdf.acl"),
                FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        // when
        reconciler(false).reconcile();

        // then
        assertThat(uploads.read("uploads/done.pdf")).contains(List.of("sales"));
    }

    private FileShareReconciler reconciler(boolean mirror) {
        return new FileShareReconciler(share, mirror, index, ledger, reader(), new UploadAcls(share),
                new AclRelabeller(index, ledger));
    }

    private FileSourceReader reader() {
        return new FileSourceReader(1024, AclRules.parse("test", "hr/**=hr", List.of("public")),
                new UploadAcls(share));
    }

    private List<String> acl(String docId) {
        return ledger.find(docId).orElseThrow().acl();
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
