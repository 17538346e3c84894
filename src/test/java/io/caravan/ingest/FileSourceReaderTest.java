package io.caravan.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceReaderTest {

    @TempDir
    Path share;

    @Test
    void should_read_the_file_with_a_forward_slash_doc_id_and_its_sha256() throws Exception {
        // given
        byte[] bytes = "hello caravan".getBytes();
        Path file = share.resolve("sub").resolve("dir").resolve("a.txt");
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        Instant modified = Instant.parse("2026-03-04T05:06:07Z");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        var reader = new FileSourceReader(100, List.of("public", "staff"));

        // when
        SourceDocument doc = reader.read(file.toFile(), share.relativize(file).toString());

        // then
        assertThat(doc.docId()).isEqualTo("sub/dir/a.txt");
        assertThat(doc.source()).isEqualTo(FileSourceReader.SOURCE).isEqualTo("file");
        assertThat(doc.fileName()).isEqualTo("a.txt");
        assertThat(doc.content()).isEqualTo(bytes);
        assertThat(doc.contentHash())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        assertThat(doc.acl()).containsExactly("public", "staff");
        assertThat(doc.modifiedAt()).isEqualTo(modified);
    }

    @Test
    void should_turn_platform_separators_into_forward_slashes() {
        // when / then
        assertThat(FileSourceReader.docIdOf(Path.of("a", "b", "c.pdf").toString())).isEqualTo("a/b/c.pdf");
    }

    @Test
    void should_accept_a_file_exactly_at_the_size_limit() throws Exception {
        // given
        Path file = Files.write(share.resolve("ten.bin"), new byte[10]);

        // when
        SourceDocument doc = new FileSourceReader(10, List.of("public")).read(file.toFile(), "ten.bin");

        // then
        assertThat(doc.content()).hasSize(10);
    }

    @Test
    void should_refuse_a_file_over_the_size_limit_naming_the_key_and_step() throws Exception {
        // given
        Path file = Files.write(share.resolve("big.bin"), new byte[11]);

        // when
        IngestException e = catchThrowableOfType(IngestException.class,
                () -> new FileSourceReader(10, List.of("public")).read(file.toFile(), "big.bin"));

        // then
        assertThat(e).isNotNull();
        assertThat(e.step()).isEqualTo("read");
        assertThat(e.getMessage()).contains("11").contains("10").contains("caravan.ingest.max-file-size");
    }
}
