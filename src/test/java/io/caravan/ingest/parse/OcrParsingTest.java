package io.caravan.ingest.parse;

import io.caravan.ingest.IngestException;
import io.caravan.ingest.ParsedDocument;
import io.caravan.ingest.SourceDocument;
import io.caravan.ingest.TextBlock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scans read with Debian's Tesseract through Tika (docs/architecture.md#ocr); .ci/run installs tesseract-ocr. */
class OcrParsingTest {

    private static final OcrOptions AUTO = new OcrOptions(OcrOptions.Mode.AUTO, "eng", Duration.ofSeconds(60), 5,
            TesseractProbe.unavailableReason("tesseract", "eng"));

    private final TikaDocumentParser parser = new TikaDocumentParser(10_000_000, Duration.ofSeconds(30), 1_000_000,
            5, AUTO);

    @Test
    void should_find_tesseract_with_its_english_pack_on_the_build_machine() {
        assertThat(AUTO.unavailableReason()).isNull();
        assertThat(AUTO.state()).isEqualTo("available");
    }

    @Test
    void should_read_a_scanned_pdf_page_by_page_with_its_page_numbers() {
        // given: two image-only pages
        byte[] scan = ScannedPages.pdf(
                ScannedPages.page(0, "The lease of the warehouse ends in March 2031."),
                ScannedPages.page(0.8, "Rent is reviewed every second year by the landlord."));

        // when
        ParsedDocument parsed = parser.parse(doc("lease.pdf", scan));

        // then
        assertThat(text(parsed, 1)).contains("warehouse").contains("March 2031");
        assertThat(text(parsed, 2)).contains("Rent is reviewed every second year");
    }

    @Test
    void should_not_ocr_a_pdf_page_that_has_text() throws Exception {
        // given: a PDF with a text layer only
        byte[] pdf = TextPdf.of("Invoices are paid within thirty days.");

        // when
        ParsedDocument parsed = parser.parse(doc("terms.pdf", pdf));

        // then: the text layer's words, once (an OCR pass would add a second copy)
        assertThat(parsed.blocks()).extracting(TextBlock::text).containsExactly("Invoices are paid within thirty days.");
    }

    @Test
    void should_read_a_png_image() {
        // when
        ParsedDocument parsed = parser.parse(doc("notice.png", ScannedPages.png(
                ScannedPages.page(0, "Fire doors must be kept closed at all times."))));

        // then
        assertThat(String.join(" ", parsed.blocks().stream().map(TextBlock::text).toList()))
                .contains("Fire doors must be kept closed");
    }

    @Test
    void should_quarantine_a_scan_saying_how_to_install_tesseract_when_it_is_missing() {
        // given
        OcrOptions missing = new OcrOptions(OcrOptions.Mode.AUTO, "eng", Duration.ofSeconds(60), 5,
                TesseractProbe.unavailableReason("/no/such/tesseract", "eng"));
        TikaDocumentParser without = new TikaDocumentParser(10_000_000, Duration.ofSeconds(30), 1_000_000, 5, missing);
        byte[] scan = ScannedPages.pdf(ScannedPages.page(0, "A scanned contract."));

        // when / then
        assertThat(missing.state()).isEqualTo("unavailable");
        assertThatThrownBy(() -> without.parse(doc("contract.pdf", scan)))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("contract.pdf (application/pdf) has no text layer")
                .hasMessageContaining("apt-get install tesseract-ocr");
    }

    @Test
    void should_name_a_missing_language_pack() {
        assertThat(TesseractProbe.unavailableReason("tesseract", "eng+xyz"))
                .isEqualTo("Tesseract lacks the language pack xyz (caravan.ocr.languages): install tesseract-ocr-xyz");
    }

    @Test
    void should_stop_a_scan_with_more_pages_to_ocr_than_the_limit() {
        // given: at most 1 page
        OcrOptions onePage = new OcrOptions(OcrOptions.Mode.AUTO, "eng", Duration.ofSeconds(60), 1, null);
        TikaDocumentParser limited = new TikaDocumentParser(10_000_000, Duration.ofSeconds(30), 1_000_000, 5,
                onePage);
        byte[] scan = ScannedPages.pdf(ScannedPages.page(0, "Page one."), ScannedPages.page(0, "Page two."));

        // when / then
        assertThatThrownBy(() -> limited.parse(doc("long.pdf", scan)))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("more than 1 pages to OCR (caravan.ocr.max-pages)");
    }

    private static String text(ParsedDocument parsed, int page) {
        return String.join(" ", parsed.blocks().stream().filter(b -> Integer.valueOf(page).equals(b.page()))
                .map(TextBlock::text).toList());
    }

    private static SourceDocument doc(String path, byte[] content) {
        return new SourceDocument(path, "file", path, content, "0".repeat(64), List.of("public"), null);
    }
}
