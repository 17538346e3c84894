package io.caravan.channel;

import static io.caravan.channel.ApiExceptions.thrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.auth.AuditLog;
import io.caravan.auth.Identity;
import io.caravan.auth.Role;
import io.caravan.index.RecordingHybridIndex;
import io.caravan.ingest.DocumentLedger;
import io.caravan.ingest.MvStoreDocumentLedger;
import io.caravan.ingest.UploadAcls;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

class DocumentContentsTest {

    private static final byte[] PDF = "%PDF-1.7\n%pretend\n".getBytes(StandardCharsets.US_ASCII);
    private static final Identity STAFF = new Identity("ana", Set.of("staff"), Role.READER);

    @TempDir
    Path root;
    @TempDir
    Path dataDir;

    private Path share;
    private DocumentLedger ledger;
    private DocumentContents contents;
    private final FakeS3 s3 = new FakeS3();

    @BeforeEach
    void open() throws IOException {
        share = Files.createDirectories(root.resolve("share"));
        ledger = new MvStoreDocumentLedger(dataDir);
        DocumentsApi api = new DocumentsApi(ledger, new RecordingHybridIndex(), share, 100, new UploadAcls(share),
                new AuditLog(new SimpleMeterRegistry()));
        contents = new DocumentContents(api, new ShareDocumentFiles(share), s3, "docs", 100);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void should_serve_a_share_file_with_its_media_type_and_name() throws IOException {
        // given
        Files.createDirectories(share.resolve("handbook"));
        Files.write(share.resolve("handbook/Travel policy.pdf"), PDF);
        known("handbook/Travel policy.pdf", "file");

        // when
        DocumentContent content = contents.read("handbook/Travel policy.pdf", STAFF, "r1");

        // then
        assertThat(content.bytes()).isEqualTo(PDF);
        assertThat(content.mediaType()).isEqualTo("application/pdf");
        assertThat(content.name()).isEqualTo("Travel policy.pdf");
    }

    @Test
    void should_serve_a_drop_box_file_from_where_it_was_moved() throws IOException {
        // given: drop-box mode moved it to .done/ once indexed
        Files.createDirectories(share.resolve(".done/a"));
        Files.writeString(share.resolve(".done/a/notes.txt"), "hello");
        known("a/notes.txt", "file");

        // when
        DocumentContent content = contents.read("a/notes.txt", STAFF, "r1");

        // then
        assertThat(content.bytes()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
        assertThat(content.mediaType()).isEqualTo("text/plain");
    }

    @Test
    void should_answer_404_not_found_for_a_document_the_caller_may_not_see() throws IOException {
        // given
        Files.write(share.resolve("salaries.pdf"), PDF);
        ledger.markPending("salaries.pdf", "file", "h", List.of("hr"));
        Identity outsider = new Identity("bob", Set.of("staff"), Role.READER);

        // when
        ApiException hidden = thrownBy(() -> contents.read("salaries.pdf", outsider, "r1"), 404);
        ApiException unknown = thrownBy(() -> contents.read("nothing.pdf", outsider, "r1"), 404);

        // then: nothing tells the two apart
        assertThat(hidden.code()).isEqualTo("not_found");
        assertThat(hidden.getMessage()).isEqualTo(unknown.getMessage().replace("nothing", "salaries"));
    }

    @Test
    void should_answer_404_gone_when_the_file_left_the_share() {
        // given
        known("removed.pdf", "file");

        // when
        ApiException e = thrownBy(() -> contents.read("removed.pdf", STAFF, "r1"), 404);

        // then
        assertThat(e.code()).isEqualTo("gone");
        assertThat(e.getMessage()).contains("no longer in the share");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../secret.txt", "../../etc/passwd", "a/../../secret.txt", "%2e%2e/secret.txt",
            "/etc/passwd", "ROOT_ABSOLUTE", "a\\..\\..\\secret.txt", "./../secret.txt"})
    void should_never_serve_a_file_outside_the_share(String docId) throws IOException {
        // given: a secret beside the share, and a ledger that somehow knows the docId
        Files.writeString(root.resolve("secret.txt"), "secret");
        String id = docId.equals("ROOT_ABSOLUTE") ? root.resolve("secret.txt").toString() : docId;
        known(id, "file");

        // when
        ApiException e = thrownBy(() -> contents.read(id, STAFF, "r1"), 404);

        // then
        assertThat(e.getMessage()).doesNotContain("secret\n");
    }

    @Test
    void should_not_follow_a_symbolic_link_out_of_the_share() throws IOException {
        // given
        Files.writeString(root.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(share.resolve("link.txt"), root.resolve("secret.txt"));
        Files.createSymbolicLink(share.resolve("outside"), root);
        known("link.txt", "file");
        known("outside/secret.txt", "file");

        // when / then
        thrownBy(() -> contents.read("link.txt", STAFF, "r1"), 404);
        thrownBy(() -> contents.read("outside/secret.txt", STAFF, "r1"), 404);
    }

    @Test
    void should_follow_a_symbolic_link_that_stays_in_the_share() throws IOException {
        // given
        Files.writeString(share.resolve("real.txt"), "inside");
        Files.createSymbolicLink(share.resolve("alias.txt"), share.resolve("real.txt"));
        known("alias.txt", "file");

        // when
        DocumentContent content = contents.read("alias.txt", STAFF, "r1");

        // then
        assertThat(content.bytes()).asString(StandardCharsets.UTF_8).isEqualTo("inside");
        assertThat(content.name()).isEqualTo("alias.txt");
    }

    @Test
    void should_answer_413_for_a_file_over_the_size_limit() throws IOException {
        // given
        Files.write(share.resolve("big.bin"), new byte[101]);
        known("big.bin", "file");

        // when / then
        thrownBy(() -> contents.read("big.bin", STAFF, "r1"), 413);
    }

    @Test
    void should_serve_an_s3_object_of_the_source_bucket() {
        // given
        s3.put("reports/q1.pdf", PDF);
        known("s3://docs/reports/q1.pdf", "s3");

        // when
        DocumentContent content = contents.read("s3://docs/reports/q1.pdf", STAFF, "r1");

        // then
        assertThat(content.bytes()).isEqualTo(PDF);
        assertThat(content.mediaType()).isEqualTo("application/pdf");
        assertThat(content.name()).isEqualTo("q1.pdf");
        assertThat(s3.requested).containsExactly("docs/reports/q1.pdf");
    }

    @Test
    void should_answer_404_gone_for_an_s3_object_no_longer_there_or_of_another_bucket() {
        // given
        known("s3://docs/removed.pdf", "s3");
        known("s3://other/x.pdf", "s3");

        // when
        ApiException removed = thrownBy(() -> contents.read("s3://docs/removed.pdf", STAFF, "r1"), 404);
        ApiException other = thrownBy(() -> contents.read("s3://other/x.pdf", STAFF, "r1"), 404);

        // then
        assertThat(removed.code()).isEqualTo("gone");
        assertThat(other.code()).isEqualTo("gone");
        assertThat(s3.requested).containsExactly("docs/removed.pdf");
    }

    @Test
    void should_answer_404_for_a_mailbox_document() {
        // given
        known("imap://docs@example.com/<m1@example.com>", "mail");

        // when
        ApiException e = thrownBy(() -> contents.read("imap://docs@example.com/<m1@example.com>", STAFF, "r1"),
                404);

        // then
        assertThat(e.getMessage()).contains("the content of mailbox documents is not kept");
    }

    @Test
    void should_quote_the_file_name_safely_in_the_disposition() {
        // when
        String disposition = new DocumentContent("a\"b\\c\r\nSet-Cookie: x;é.pdf", "application/pdf",
                new byte[0]).disposition();

        // then
        assertThat(disposition).isEqualTo("inline; filename=\"a_b_c__Set-Cookie: x;_.pdf\"; "
                + "filename*=UTF-8''a%22b%5Cc%0D%0ASet-Cookie%3A%20x%3B%C3%A9.pdf");
    }

    private void known(String docId, String source) {
        ledger.markPending(docId, source, "h", List.of("staff"));
    }

    /** Serves objects of bucket "docs" from memory and records what was asked for. */
    private static final class FakeS3 implements S3Client {
        private final java.util.Map<String, byte[]> objects = new java.util.HashMap<>();
        final List<String> requested = new java.util.ArrayList<>();

        void put(String key, byte[] bytes) {
            objects.put(key, bytes);
        }

        @Override
        public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest request) {
            requested.add(request.bucket() + "/" + request.key());
            byte[] bytes = objects.get(request.key());
            if (!"docs".equals(request.bucket()) || bytes == null) {
                throw NoSuchKeyException.builder().message("no such key").build();
            }
            return new ResponseInputStream<>(GetObjectResponse.builder().contentLength((long) bytes.length).build(),
                    AbortableInputStream.create(new ByteArrayInputStream(bytes)));
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {
        }
    }
}
