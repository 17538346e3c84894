package io.caravan.channel;

import static io.caravan.channel.ApiExceptions.thrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.auth.AuditLog;
import io.caravan.auth.Identity;
import io.caravan.auth.Role;
import io.caravan.ingest.UploadAcls;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.caravan.index.RecordingHybridIndex;
import io.caravan.ingest.ContentHash;
import io.caravan.ingest.DocumentLedger;
import io.caravan.ingest.MvStoreDocumentLedger;
import io.caravan.ingest.DocumentRecord;
import io.caravan.ingest.DocumentStatus;
import io.caravan.ingest.FileSourceReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DocumentsApiTest {

    private static final byte[] PDF = "%PDF-1.7 pretend".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path share;
    @TempDir
    Path dataDir;

    private static final Identity ANYONE = Identity.anonymous();

    private final RecordingHybridIndex index = new RecordingHybridIndex();
    private DocumentLedger ledger;
    private DocumentsApi api;

    @BeforeEach
    void open() {
        ledger = new MvStoreDocumentLedger(dataDir);
        api = new DocumentsApi(ledger, index, share, 100, new UploadAcls(share), new AuditLog(new SimpleMeterRegistry()));
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void should_store_an_upload_in_the_uploads_folder_and_mark_it_pending() throws IOException {
        // when
        Map<String, String> reply = api.upload(bytes(PDF), "Annual report (2025).pdf", null, ANYONE);

        // then
        assertThat(reply).containsExactly(Map.entry("docId", "uploads/Annual report (2025).pdf"));
        Path stored = share.resolve("uploads").resolve("Annual report (2025).pdf");
        assertThat(stored).hasBinaryContent(PDF);
        assertThat(filesIn(share.resolve("uploads"))).containsExactly("Annual report (2025).pdf");
        DocumentRecord record = ledger.find("uploads/Annual report (2025).pdf").orElseThrow();
        assertThat(record.status()).isEqualTo(DocumentStatus.PENDING);
        assertThat(record.source()).isEqualTo(FileSourceReader.SOURCE);
        assertThat(record.contentHash()).isEqualTo(ContentHash.of(PDF));
    }

    @Test
    void should_write_through_a_hidden_temp_file_the_file_route_ignores() throws Exception {
        // given: every file created in the uploads folder is observed
        Path uploads = Files.createDirectories(share.resolve("uploads"));
        List<String> created = new ArrayList<>();
        try (WatchService watcher = uploads.getFileSystem().newWatchService()) {
            uploads.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);

            // when
            api.upload(bytes(PDF), "a.pdf", null, ANYONE);

            // then: the final name appears only once the content is complete, by a rename of a dot file
            while (!created.contains("a.pdf")) {
                WatchKey key = watcher.poll(10, TimeUnit.SECONDS);
                assertThat(key).as("a create event for a.pdf").isNotNull();
                key.pollEvents().forEach(event -> created.add(event.context().toString()));
                key.reset();
            }
        }
        assertThat(created).last().isEqualTo("a.pdf");
        assertThat(created.subList(0, created.size() - 1)).isNotEmpty().allMatch(name -> name.startsWith("."));
        assertThat(filesIn(uploads)).containsExactly("a.pdf");
    }

    @Test
    void should_replace_an_earlier_upload_of_the_same_name() throws IOException {
        // given
        api.upload(bytes(PDF), "a.txt", null, ANYONE);
        byte[] v2 = "version two".getBytes(StandardCharsets.UTF_8);

        // when
        api.upload(bytes(v2), "a.txt", null, ANYONE);

        // then
        assertThat(share.resolve("uploads/a.txt")).hasBinaryContent(v2);
        assertThat(filesIn(share.resolve("uploads"))).containsExactly("a.txt");
        assertThat(ledger.find("uploads/a.txt").orElseThrow().contentHash()).isEqualTo(ContentHash.of(v2));
    }

    @Test
    void should_leave_no_temp_file_behind_when_the_upload_cannot_be_stored() throws IOException {
        // given: a non-empty folder already has the upload's name, so the final rename fails
        Path blocker = Files.createDirectories(share.resolve("uploads/a.txt"));
        Files.writeString(blocker.resolve("inside"), "x");

        // when
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> api.upload(bytes(PDF), "a.txt", null, ANYONE));

        // then
        assertThat(thrown).isInstanceOf(UncheckedIOException.class).hasMessageContaining("uploads/a.txt");
        assertThat(filesIn(share.resolve("uploads"))).containsExactly("a.txt");
        assertThat(ledger.find("uploads/a.txt")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", ".hidden", "a/b", "", " ", "a\\b", "x..y", "..", "-rf", "/etc/passwd"})
    void should_reject_unsafe_names_and_write_nothing(String name) throws IOException {
        // when
        ApiException e = thrownBy(() -> api.upload(bytes(PDF), name, null, ANYONE), 400);

        // then
        assertThat(e.getMessage()).contains("\"name\"");
        assertThat(filesIn(share)).isEmpty();
        assertThat(ledger.list()).isEmpty();
    }

    @Test
    void should_reject_a_missing_name() {
        // when / then
        thrownBy(() -> api.upload(bytes(PDF), null, null, ANYONE), 400);
    }

    @Test
    void should_reject_an_empty_body() {
        // when / then
        assertThat(thrownBy(() -> api.upload(bytes(new byte[0]), "a.txt", null, ANYONE), 400).getMessage()).contains("empty");
        thrownBy(() -> api.upload(null, "a.txt", null, ANYONE), 400);
        assertThat(ledger.list()).isEmpty();
    }

    @Test
    void should_reject_a_document_over_the_size_limit_with_413() throws IOException {
        // when
        ApiException e = thrownBy(() -> api.upload(bytes(new byte[101]), "big.bin", null, ANYONE), 413);

        // then
        assertThat(e.getMessage()).contains("more than 100 bytes").contains("caravan.ingest.max-file-size");
        assertThat(filesIn(share)).isEmpty();
    }

    @Test
    void should_read_no_more_than_one_byte_past_the_size_limit() {
        // given: a body far over the limit of 100 bytes
        CountingStream body = new CountingStream(new byte[1_000_000]);

        // when
        thrownBy(() -> api.upload(body, "big.bin", null, ANYONE), 413);

        // then
        assertThat(body.read).isLessThanOrEqualTo(101);
        assertThat(body.closed).isTrue();
    }

    @Test
    void should_check_the_name_before_reading_the_body() {
        // given
        CountingStream body = new CountingStream(PDF);

        // when
        thrownBy(() -> api.upload(body, "../escape.pdf", null, ANYONE), 400);

        // then
        assertThat(body.read).isZero();
        assertThat(body.closed).isTrue();
    }

    @Test
    void should_store_the_uploaded_bytes_unchanged() throws IOException {
        // given: bytes a form decoder would mangle (%, &, =, +, NUL, invalid UTF-8)
        byte[] raw = new byte[256];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) i;
        }
        byte[] content = new byte[100];
        System.arraycopy("%PDF a=b&c=%zz+d ".getBytes(StandardCharsets.US_ASCII), 0, content, 0, 17);
        System.arraycopy(raw, 0, content, 17, 83);

        // when
        api.upload(bytes(content), "raw.bin", null, ANYONE);

        // then
        assertThat(Files.readAllBytes(share.resolve("uploads").resolve("raw.bin"))).isEqualTo(content);
        assertThat(ledger.find("uploads/raw.bin").orElseThrow().contentHash()).isEqualTo(ContentHash.of(content));
    }

    @Test
    void should_accept_a_document_exactly_at_the_size_limit() {
        // when / then
        assertThat(api.upload(bytes(new byte[100]), "edge.bin", null, ANYONE)).containsEntry("docId", "uploads/edge.bin");
    }

    @Test
    void should_answer_404_for_an_unknown_document() {
        // when / then
        assertThat(thrownBy(() -> api.get("nope.txt", ANYONE, "r1"), 404).getMessage()).contains("nope.txt");
        thrownBy(() -> api.delete("nope.txt", ANYONE, "r1"), 404);
        assertThat(index.deleted()).isEmpty();
    }

    @Test
    void should_delete_a_document_from_the_index_and_mark_it_deleted() {
        // given
        api.upload(bytes(PDF), "a.pdf", null, ANYONE);
        index.with("uploads/a.pdf", ContentHash.of(PDF));

        // when
        DocumentRecord record = api.delete("uploads/a.pdf", ANYONE, "r1");

        // then
        assertThat(record.status()).isEqualTo(DocumentStatus.DELETED);
        assertThat(index.deleted()).containsExactly("uploads/a.pdf");
        assertThat(api.get("uploads/a.pdf", ANYONE, "r1").status()).isEqualTo(DocumentStatus.DELETED);
        assertThat(share.resolve("uploads/a.pdf")).exists();
    }

    @Test
    void should_list_and_get_what_the_ledger_knows() {
        // given
        api.upload(bytes(PDF), "b.pdf", null, ANYONE);
        api.upload(bytes(PDF), "a.pdf", null, ANYONE);

        // when
        DocumentList list = api.list(ANYONE);

        // then
        assertThat(list.documents()).extracting(DocumentRecord::docId)
                .containsExactly("uploads/a.pdf", "uploads/b.pdf");
        assertThat(list.counts()).containsExactly(Map.entry("pending", 2), Map.entry("indexed", 0),
                Map.entry("failed", 0), Map.entry("deleted", 0));
        assertThat(api.get("uploads/b.pdf", ANYONE, "r1").docId()).isEqualTo("uploads/b.pdf");
    }

    @Test
    void should_page_through_a_walk_of_the_ledger_without_copying_it() {
        // given: a ledger that refuses to be copied whole, with 7 documents, 2 of them another group's
        ledger.close();
        ledger = new MvStoreDocumentLedger(dataDir) {
            @Override
            public List<DocumentRecord> list() {
                throw new AssertionError("the documents API copied the whole ledger");
            }
        };
        api = new DocumentsApi(ledger, index, share, 100, new UploadAcls(share),
                new AuditLog(new SimpleMeterRegistry()));
        for (int i = 0; i < 7; i++) {
            ledger.markPending(String.format("doc-%d.txt", i), "file", "h", List.of(i % 3 == 1 ? "hr" : "sales"));
        }
        Identity sales = new Identity("ann", Set.of("sales"), Role.READER);

        // when
        DocumentList second = api.list(sales, null, null, "2", "2");

        // then: the second page of what sales may see, counted over all of it
        assertThat(second.documents()).extracting(DocumentRecord::docId).containsExactly("doc-3.txt", "doc-5.txt");
        assertThat(second.total()).isEqualTo(5);
        assertThat(second.counts()).containsEntry("pending", 5);
    }

    @Test
    void should_label_an_upload_with_the_uploaders_groups_or_a_subset_it_names() {
        // given
        Identity ana = new Identity("ana", Set.of("hr", "staff"), Role.EDITOR);

        // when
        api.upload(bytes(PDF), "mine.pdf", null, ana);
        api.upload(bytes(PDF), "hr-only.pdf", " hr ", ana);

        // then: in the ledger and in the sidecar the file route reads
        assertThat(ledger.find("uploads/mine.pdf").orElseThrow().acl()).containsExactlyInAnyOrder("hr", "staff");
        assertThat(ledger.find("uploads/hr-only.pdf").orElseThrow().acl()).containsExactly("hr");
        assertThat(new UploadAcls(share).read("uploads/hr-only.pdf")).hasValue(List.of("hr"));
    }

    @Test
    void should_refuse_an_upload_acl_naming_a_group_the_uploader_is_not_in_unless_admin() {
        Identity ana = new Identity("ana", Set.of("hr"), Role.EDITOR);
        assertThat(thrownBy(() -> api.upload(bytes(PDF), "x.pdf", "hr,finance", ana), 400).getMessage())
                .contains("not in group finance");
        thrownBy(() -> api.upload(bytes(PDF), "x.pdf", "*", ana), 400);
        assertThat(ledger.find("uploads/x.pdf")).isEmpty();

        Identity admin = new Identity("root", Set.of(), Role.ADMIN);
        api.upload(bytes(PDF), "x.pdf", "finance", admin);
        assertThat(ledger.find("uploads/x.pdf").orElseThrow().acl()).containsExactly("finance");
    }

    @Test
    void should_hide_a_document_outside_the_callers_groups_as_if_it_did_not_exist() {
        // given
        Identity hr = new Identity("ana", Set.of("hr"), Role.EDITOR);
        Identity finance = new Identity("fin", Set.of("finance"), Role.EDITOR);
        api.upload(bytes(PDF), "salaries.pdf", null, hr);

        // when / then
        assertThat(api.list(finance).documents()).isEmpty();
        assertThat(api.list(finance).counts()).containsEntry("pending", 0);
        ApiException notFound = thrownBy(() -> api.get("uploads/salaries.pdf", finance, "r1"), 404);
        ApiException unknown = thrownBy(() -> api.get("uploads/nothing.pdf", finance, "r1"), 404);
        assertThat(notFound.getMessage()).isEqualTo(unknown.getMessage().replace("nothing", "salaries"));
        thrownBy(() -> api.delete("uploads/salaries.pdf", finance, "r1"), 404);
        assertThat(index.deleted()).isEmpty();
        // replacing it is refused, and the document stays
        thrownBy(() -> api.upload(bytes(new byte[] {1}), "salaries.pdf", null, finance), 403);
        assertThat(ledger.find("uploads/salaries.pdf").orElseThrow().acl()).containsExactly("hr");
        // its own group and an admin see it
        assertThat(api.list(hr).documents()).hasSize(1);
        assertThat(api.list(new Identity("root", Set.of(), Role.ADMIN)).documents()).hasSize(1);
    }

    private static List<String> filesIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(p -> !p.equals(folder))
                    .filter(p -> Files.isRegularFile(p) || p.getParent().equals(folder))
                    .map(p -> folder.relativize(p).toString())
                    .filter(p -> !p.contains("/"))
                    // the upload's ACL sidecar (docs/channels-and-sources.md#document-acls) is expected beside it
                    .filter(p -> !(p.startsWith(".") && p.endsWith(".acl")))
                    .sorted()
                    .toList();
        }
    }

    private static InputStream bytes(byte[] content) {
        return new ByteArrayInputStream(content);
    }

    /** A body that counts the bytes read from it. */
    private static final class CountingStream extends ByteArrayInputStream {
        int read;
        boolean closed;

        CountingStream(byte[] content) {
            super(content);
        }

        @Override
        public synchronized int read(byte[] target, int offset, int length) {
            int count = super.read(target, offset, length);
            read += Math.max(count, 0);
            return count;
        }

        @Override
        public synchronized int read() {
            int b = super.read();
            read += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
