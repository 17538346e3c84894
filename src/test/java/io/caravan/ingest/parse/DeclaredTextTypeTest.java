package io.caravan.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;
import org.junit.jupiter.api.Test;

class DeclaredTextTypeTest {

    private final DeclaredTextType declared = new DeclaredTextType(MimeTypes.getDefaultMimeTypes());

    @Test
    void should_take_a_txt_file_of_utf8_text_as_plain_text_in_utf8() {
        assertThat(declared.of("notes.txt", utf8("Café au lait, 3 € — P1 first.\n\tIndented\r\n\fNext page")))
                .contains(MediaType.parse("text/plain; charset=UTF-8"));
    }

    @Test
    void should_take_a_markdown_file_of_utf8_text_as_markdown() {
        assertThat(declared.of("guide.md", utf8("# Guide\n\nText.")).map(MediaType::getBaseType))
                .contains(MediaType.parse("text/x-web-markdown"));
    }

    @Test
    void should_leave_other_names_to_tika() {
        assertThat(declared.of("rates.html", utf8("Ten euros."))).isEmpty();
        assertThat(declared.of("table.csv", utf8("a,b\n1,2"))).isEmpty();
        assertThat(declared.of("config.json", utf8("Plain words."))).isEmpty();
    }

    @Test
    void should_leave_markup_behind_a_txt_name_to_tika() {
        assertThat(declared.of("page.txt", utf8("  \n<html><body>Hi</body></html>"))).isEmpty();
        assertThat(declared.of("feed.txt", utf8("<?xml version=\"1.0\"?><feed/>"))).isEmpty();
    }

    @Test
    void should_leave_bytes_that_are_not_plain_utf8_text_to_tika() {
        assertThat(declared.of("cafe.txt", "Café".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
        assertThat(declared.of("utf16.txt", "Café".getBytes(StandardCharsets.UTF_16))).isEmpty();
        assertThat(declared.of("bom.txt", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'H', 'i'})).isEmpty();
        assertThat(declared.of("nul.txt", new byte[] {'H', 0, 'i'})).isEmpty();
        assertThat(declared.of("escape.txt", new byte[] {0x1B, '[', '0', 'm'})).isEmpty();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
