package io.caravan.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadAclsTest {

    @TempDir
    Path share;

    @Test
    void should_read_back_the_acl_written_for_an_upload_from_a_hidden_sidecar() {
        // given
        UploadAcls uploads = new UploadAcls(share);

        // when
        uploads.write("uploads/deal memo.pdf", List.of("sales", "exec"));

        // then
        assertThat(new UploadAcls(share).read("uploads/deal memo.pdf")).contains(List.of("sales", "exec"));
        assertThat(share.resolve("uploads/.deal memo.pdf.acl")).exists();
        assertThat(ShareFiles.list(share)).as("the file route never sees it").isEmpty();
    }

    @Test
    void should_replace_the_acl_of_a_re_uploaded_document_leaving_no_temporary_file() throws IOException {
        // given
        UploadAcls uploads = new UploadAcls(share);
        uploads.write("uploads/a.pdf", List.of("sales"));

        // when
        uploads.write("uploads/a.pdf", List.of("legal"));

        // then
        assertThat(uploads.read("uploads/a.pdf")).contains(List.of("legal"));
        try (Stream<Path> files = Files.list(share.resolve("uploads"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(".a.pdf.acl");
        }
    }

    @Test
    void should_have_no_acl_for_documents_that_are_no_uploads_or_have_none() {
        UploadAcls uploads = new UploadAcls(share);
        assertThat(uploads.read("uploads/never.pdf")).isEmpty();
        assertThat(uploads.read("hr/pay.pdf")).isEmpty();
        assertThat(uploads.read("uploads/sub/x.pdf")).isEmpty();
    }

    @Test
    void should_refuse_an_invalid_acl_or_a_docid_outside_uploads() {
        UploadAcls uploads = new UploadAcls(share);
        assertThatThrownBy(() -> uploads.write("uploads/a.pdf", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> uploads.write("uploads/a.pdf", List.of("*")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("*");
        assertThatThrownBy(() -> uploads.write("uploads/a.pdf", List.of("bad group")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> uploads.write("hr/a.pdf", List.of("hr"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> uploads.write("uploads/../a.pdf", List.of("hr")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(share.resolve("uploads/.a.pdf.acl")).doesNotExist();
    }

    @Test
    void should_fail_the_document_rather_than_widen_access_when_a_sidecar_was_tampered_with() throws IOException {
        // given
        Files.createDirectories(share.resolve("uploads"));
        Files.writeString(share.resolve("uploads/.a.pdf.acl"), "*\n");

        // when / then
        assertThatThrownBy(() -> new UploadAcls(share).read("uploads/a.pdf")).isInstanceOf(IngestException.class)
                .hasMessageContaining("uploads/a.pdf");
    }

    @Test
    void should_label_an_upload_with_its_acl_before_the_rules_in_the_file_source() throws IOException {
        // given
        UploadAcls uploads = new UploadAcls(share);
        AclRules rules = AclRules.parse("k", "uploads/**=staff;hr/**=hr", List.of("public"));
        FileSourceReader reader = new FileSourceReader(1024, rules, uploads);
        uploads.write("uploads/deal.pdf", List.of("sales"));
        Path deal = Files.writeString(Files.createDirectories(share.resolve("uploads")).resolve("deal.pdf"), "d");
        Path other = Files.writeString(share.resolve("uploads/other.pdf"), "o");
        Path pay = Files.writeString(Files.createDirectories(share.resolve("hr")).resolve("pay.txt"), "p");

        // when / then
        assertThat(reader.read(deal.toFile(), "uploads/deal.pdf").acl()).containsExactly("sales");
        assertThat(reader.read(other.toFile(), "uploads/other.pdf").acl()).containsExactly("staff");
        assertThat(reader.read(pay.toFile(), "hr/pay.txt").acl()).containsExactly("hr");
    }
}
