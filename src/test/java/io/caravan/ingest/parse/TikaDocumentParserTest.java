package io.caravan.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.caravan.ingest.IngestException;
import io.caravan.ingest.ParsedDocument;
import io.caravan.ingest.SourceDocument;
import io.caravan.ingest.TextBlock;
import io.caravan.ingest.TextBlock.Kind;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.XHTMLContentHandler;
import org.junit.jupiter.api.Test;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTString;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

class TikaDocumentParserTest {

    private final TikaDocumentParser parser = new TikaDocumentParser();

    // --- PDF ---------------------------------------------------------------------------------------------------

    @Test
    void should_keep_page_numbers_of_pdf_blocks() throws IOException {
        // given
        byte[] pdf = pdf(null, "Alpha text on the first page", "Beta text on the second page");

        // when
        ParsedDocument parsed = parser.parse(doc("reports/two-pages.pdf", pdf));

        // then
        assertThat(parsed.mimeType()).isEqualTo("application/pdf");
        assertThat(parsed.blocks()).extracting(TextBlock::text, TextBlock::page).containsExactly(
                tuple("Alpha text on the first page", 1),
                tuple("Beta text on the second page", 2));
        assertThat(parsed.title()).isEqualTo("two-pages.pdf");
    }

    @Test
    void should_take_the_title_from_pdf_metadata() throws IOException {
        // given
        byte[] pdf = pdf("Annual Report 2024", "Some text");

        // when
        ParsedDocument parsed = parser.parse(doc("report.pdf", pdf));

        // then
        assertThat(parsed.title()).isEqualTo("Annual Report 2024");
    }

    @Test
    void should_fail_clearly_on_random_bytes_named_pdf() {
        // given
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);

        // when / then
        assertThatThrownBy(() -> parser.parse(doc("report.pdf", garbage)))
                .isInstanceOf(IngestException.class)
                .hasMessageStartingWith("unsupported or corrupt document: report.pdf (application/pdf): ")
                .satisfies(e -> assertThat(((IngestException) e).step()).isEqualTo("parse"));
    }

    @Test
    void should_fail_clearly_on_a_truncated_pdf() throws IOException {
        // given
        byte[] pdf = pdf(null, "Alpha text on the first page", "Beta text on the second page");
        byte[] truncated = Arrays.copyOf(pdf, pdf.length / 2);

        // when / then
        assertThatThrownBy(() -> parser.parse(doc("truncated.pdf", truncated)))
                .isInstanceOf(IngestException.class)
                .hasMessageStartingWith("unsupported or corrupt document: truncated.pdf (application/pdf): ");
    }

    @Test
    void should_fail_on_a_pdf_without_text() throws IOException {
        // given
        byte[] pdf = pdf(null, "");

        // when / then
        assertThatThrownBy(() -> parser.parse(doc("blank.pdf", pdf)))
                .isInstanceOf(IngestException.class)
                .hasMessageStartingWith("document has no extractable text");
    }

    // --- HTML --------------------------------------------------------------------------------------------------

    @Test
    void should_keep_only_visible_html_text() throws IOException {
        // given
        byte[] html = fixture("page-with-scripts.html");

        // when
        ParsedDocument parsed = parser.parse(doc("site/rates.html", html));

        // then
        assertThat(parsed.title()).isEqualTo("Shipping rates");
        assertThat(parsed.blocks()).extracting(TextBlock::kind, TextBlock::text, TextBlock::section, TextBlock::page)
                .containsExactly(
                        tuple(Kind.HEADING, "Rates", List.of("Rates"), null),
                        tuple(Kind.PARAGRAPH, "Parcels up to 2 kg cost five euros.", List.of("Rates"), null),
                        tuple(Kind.HEADING, "Express", List.of("Rates", "Express"), null),
                        tuple(Kind.PARAGRAPH, "Next-day delivery", List.of("Rates", "Express"), null),
                        tuple(Kind.PARAGRAPH, "Tracking included", List.of("Rates", "Express"), null));
        assertThat(allText(parsed)).doesNotContain("Marker", "secret", "color", "Shipping rates");
    }

    // --- Markdown ----------------------------------------------------------------------------------------------

    @Test
    void should_build_section_paths_from_markdown_headings() throws IOException {
        // given
        byte[] markdown = fixture("guide.md");

        // when
        ParsedDocument parsed = parser.parse(doc("docs/guide.md", markdown));

        // then
        assertThat(parsed.title()).isEqualTo("Caravan guide");
        assertThat(parsed.blocks()).extracting(TextBlock::kind, TextBlock::text, TextBlock::sectionPath)
                .containsExactly(
                        tuple(Kind.HEADING, "Caravan guide", "Caravan guide"),
                        tuple(Kind.PARAGRAPH, "Caravan answers questions from your documents. It runs anywhere.",
                                "Caravan guide"),
                        tuple(Kind.HEADING, "Install", "Caravan guide > Install"),
                        tuple(Kind.PARAGRAPH, "Download the jar and run it:", "Caravan guide > Install"),
                        tuple(Kind.PARAGRAPH, "java -jar caravan.jar echo done", "Caravan guide > Install"),
                        tuple(Kind.HEADING, "Requirements", "Caravan guide > Install > Requirements"),
                        tuple(Kind.PARAGRAPH, "Java 17 or later", "Caravan guide > Install > Requirements"),
                        tuple(Kind.PARAGRAPH, "2 GB of memory", "Caravan guide > Install > Requirements"),
                        tuple(Kind.HEADING, "Configure", "Caravan guide > Configure"),
                        tuple(Kind.PARAGRAPH, "Set keys in application.properties.", "Caravan guide > Configure"),
                        tuple(Kind.HEADING, "Appendix", "Appendix"),
                        tuple(Kind.PARAGRAPH, "The end.", "Appendix"));
        assertThat(parsed.blocks()).allSatisfy(b -> assertThat(b.page()).isNull());
    }

    @Test
    void should_take_the_markdown_title_from_front_matter() {
        // given
        byte[] markdown = "---\ntitle: \"Operations handbook\"\n---\n# Start\n\nText.\n".getBytes(StandardCharsets.UTF_8);

        // when
        ParsedDocument parsed = parser.parse(doc("handbook.md", markdown));

        // then
        assertThat(parsed.title()).isEqualTo("Operations handbook");
        assertThat(parsed.blocks()).extracting(TextBlock::text).containsExactly("Start", "Text.");
    }

    // --- Plain text --------------------------------------------------------------------------------------------

    @Test
    void should_detect_latin1_plain_text_and_split_paragraphs_on_blank_lines() {
        // given
        String text = "Le café de la gare ouvre à sept heures, même le dimanche.\n"
                + "Herr Müller trinkt dort jeden Morgen einen großen Kaffee.\n\n"
                + "Die Bäckerei nebenan verkauft frische Brötchen und Croissants für wenig Geld.\n";
        byte[] latin1 = text.getBytes(StandardCharsets.ISO_8859_1);

        // when
        ParsedDocument parsed = parser.parse(doc("notes/cafe.txt", latin1));

        // then
        assertThat(parsed.mimeType()).isEqualTo("text/plain");
        assertThat(parsed.title()).isEqualTo("cafe.txt");
        assertThat(parsed.blocks()).extracting(TextBlock::kind, TextBlock::text).containsExactly(
                tuple(Kind.PARAGRAPH, "Le café de la gare ouvre à sept heures, même le dimanche. "
                        + "Herr Müller trinkt dort jeden Morgen einen großen Kaffee."),
                tuple(Kind.PARAGRAPH, "Die Bäckerei nebenan verkauft frische Brötchen und Croissants für wenig Geld."));
    }

    @Test
    void should_detect_utf16_plain_text() {
        // given
        byte[] utf16 = "Café Müller\n\nZweiter Absatz.".getBytes(StandardCharsets.UTF_16);

        // when
        ParsedDocument parsed = parser.parse(doc("utf16.txt", utf16));

        // then
        assertThat(parsed.blocks()).extracting(TextBlock::text).containsExactly("Café Müller", "Zweiter Absatz.");
    }

    @Test
    void should_read_a_txt_file_as_text_even_when_its_first_words_look_like_a_file_signature() {
        // given: Tika's magic alone calls the first a PBM image (no text: quarantined) and the second a news article
        byte[] priorities = "P1 priority incidents are fixed within 4 hours.\n\nP2 within a day.".getBytes(StandardCharsets.UTF_8);
        byte[] article = "Article 5 of the regulation says data is processed lawfully.".getBytes(StandardCharsets.UTF_8);

        // when
        ParsedDocument first = parser.parse(doc("runbook.txt", priorities));
        ParsedDocument second = parser.parse(doc("gdpr.txt", article));

        // then
        assertThat(first.mimeType()).isEqualTo("text/plain");
        assertThat(first.blocks()).extracting(TextBlock::text)
                .containsExactly("P1 priority incidents are fixed within 4 hours.", "P2 within a day.");
        assertThat(second.mimeType()).isEqualTo("text/plain");
        assertThat(second.blocks()).extracting(TextBlock::text)
                .containsExactly("Article 5 of the regulation says data is processed lawfully.");
    }

    @Test
    void should_read_utf8_text_and_markdown_as_utf8_where_charset_guessing_says_gb18030() {
        // given: a SciFact abstract's figures with middle dots, which Tika's charset detectors took for GB18030
        String text = "Odds ratio 1\u00b775, 95% CI 1\u00b720-2\u00b754, p=0\u00b7004; from 8\u00b73 million "
                + "(3\u00b73 million-17\u00b72 million) in 1990 to 58\u00b74 million in 2013, a cost of "
                + "\u00a356 per man.";

        // when
        ParsedDocument plain = parser.parse(doc("figures.txt", text.getBytes(StandardCharsets.UTF_8)));
        ParsedDocument markdown = parser.parse(doc("figures.md", text.getBytes(StandardCharsets.UTF_8)));

        // then
        assertThat(plain.blocks()).extracting(TextBlock::text).containsExactly(text);
        assertThat(markdown.blocks()).extracting(TextBlock::text).containsExactly(text);
    }

    @Test
    void should_still_detect_markup_and_binary_content_behind_a_txt_name() throws IOException {
        // given
        byte[] html = "<html><head><title>Rates</title></head><body><p>Ten euros a night.</p></body></html>"
                .getBytes(StandardCharsets.UTF_8);
        byte[] pdf = pdf(null, "Quarterly figures");

        // when
        ParsedDocument page = parser.parse(doc("saved-page.txt", html));
        ParsedDocument report = parser.parse(doc("report.txt", pdf));

        // then
        assertThat(page.mimeType()).isEqualTo("text/html");
        assertThat(page.blocks()).extracting(TextBlock::text).containsExactly("Ten euros a night.");
        assertThat(report.mimeType()).isEqualTo("application/pdf");
        assertThat(report.blocks()).extracting(TextBlock::text).containsExactly("Quarterly figures");
    }

    // --- Office ------------------------------------------------------------------------------------------------

    @Test
    void should_map_docx_heading_styles_to_sections() throws IOException {
        // given
        byte[] docx = docx();

        // when
        ParsedDocument parsed = parser.parse(doc("handbook.docx", docx));

        // then
        assertThat(parsed.title()).isEqualTo("Travel policy");
        assertThat(parsed.blocks()).extracting(TextBlock::kind, TextBlock::text, TextBlock::section)
                .containsExactly(
                        tuple(Kind.HEADING, "Travel policy", List.of("Travel policy")),
                        tuple(Kind.PARAGRAPH, "Book trains where possible.", List.of("Travel policy")),
                        tuple(Kind.HEADING, "Expenses", List.of("Travel policy", "Expenses")),
                        tuple(Kind.PARAGRAPH, "Submit receipts within 30 days.", List.of("Travel policy", "Expenses")));
    }

    @Test
    void should_extract_every_pptx_slide() throws IOException {
        // given
        byte[] pptx = pptx("First slide about routes", "Second slide about caches");

        // when
        ParsedDocument parsed = parser.parse(doc("deck.pptx", pptx));

        // then
        assertThat(parsed.blocks()).extracting(TextBlock::text)
                .contains("First slide about routes", "Second slide about caches");
    }

    @Test
    void should_map_odt_headings_to_sections() throws IOException {
        // given
        byte[] odt = odt();

        // when
        ParsedDocument parsed = parser.parse(doc("notes.odt", odt));

        // then
        assertThat(parsed.blocks()).extracting(TextBlock::kind, TextBlock::text, TextBlock::sectionPath)
                .containsExactly(
                        tuple(Kind.HEADING, "Overview", "Overview"),
                        tuple(Kind.PARAGRAPH, "Open document text.", "Overview"));
    }

    // --- E-mail ------------------------------------------------------------------------------------------------

    @Test
    void should_extract_mail_body_and_attachment_under_its_file_name() throws IOException {
        // given
        byte[] eml = fixture("message-with-attachment.eml");

        // when
        ParsedDocument parsed = parser.parse(doc("inbox/figures.eml", eml));

        // then
        assertThat(parsed.mimeType()).isEqualTo("message/rfc822");
        assertThat(parsed.title()).isEqualTo("Quarterly figures");
        assertThat(parsed.blocks()).extracting(TextBlock::text, TextBlock::section)
                .contains(
                        tuple("Hello Bob, the figures for the quarter are attached.", List.of()),
                        tuple("Revenue grew by twelve percent.", List.of()),
                        tuple("The warehouse in Lyon closes in June.", List.of("notes.txt")));
    }

    // --- Limits ------------------------------------------------------------------------------------------------

    @Test
    void should_reject_a_file_over_the_size_limit_before_parsing() {
        // given
        TikaDocumentParser limited = new TikaDocumentParser(100, Duration.ofSeconds(30), 1_000_000);
        byte[] content = "x".repeat(101).getBytes(StandardCharsets.US_ASCII);

        // when / then
        assertThatThrownBy(() -> limited.parse(doc("big.txt", content)))
                .isInstanceOf(IngestException.class)
                .hasMessage("file is 101 bytes, over the limit of 100 (caravan.ingest.max-file-size)");
    }

    @Test
    void should_fail_when_the_text_exceeds_the_character_limit() {
        // given
        TikaDocumentParser limited = new TikaDocumentParser(1_000_000, Duration.ofSeconds(30), 100);
        byte[] content = "word ".repeat(200).getBytes(StandardCharsets.US_ASCII);

        // when / then
        assertThatThrownBy(() -> limited.parse(doc("long.txt", content)))
                .isInstanceOf(IngestException.class)
                .hasMessage("document has more than 100 characters (caravan.ingest.max-characters)");
    }

    @Test
    void should_fail_when_markdown_exceeds_the_character_limit() {
        // given
        TikaDocumentParser limited = new TikaDocumentParser(1_000_000, Duration.ofSeconds(30), 50);
        byte[] content = ("# Title\n\n" + "word ".repeat(20)).getBytes(StandardCharsets.US_ASCII);

        // when / then
        assertThatThrownBy(() -> limited.parse(doc("long.md", content)))
                .isInstanceOf(IngestException.class)
                .hasMessage("document has more than 50 characters (caravan.ingest.max-characters)");
    }

    @Test
    void should_accept_text_exactly_at_the_character_limit() {
        // given
        TikaDocumentParser limited = new TikaDocumentParser(1_000_000, Duration.ofSeconds(30), 11);

        // when
        ParsedDocument parsed = limited.parse(doc("short.txt", "hello world".getBytes(StandardCharsets.US_ASCII)));

        // then
        assertThat(parsed.length()).isEqualTo(11);
    }

    @Test
    void should_stop_a_slow_parse_at_the_timeout_without_hanging_the_caller() throws InterruptedException {
        // given
        CountDownLatch parserStopped = new CountDownLatch(1);
        TikaDocumentParser limited = new TikaDocumentParser(1_000_000, Duration.ofMillis(200), 1_000_000_000L, 5,
                new EndlessParser(parserStopped));
        long start = System.nanoTime();

        // when / then
        assertThatThrownBy(() -> limited.parse(doc("slow.txt", "slow".getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(IngestException.class)
                .hasMessage("parsing took longer than 200ms (caravan.ingest.parse-timeout)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(parserStopped.await(5, TimeUnit.SECONDS)).as("the worker stopped parsing").isTrue();
    }

    @Test
    void should_fail_when_attachments_nest_deeper_than_the_limit() throws IOException {
        // given
        byte[] inner = zip("deep.txt", "Deep inside the archive.".getBytes(StandardCharsets.UTF_8));
        byte[] outer = zip("inner.zip", inner);
        TikaDocumentParser limited = new TikaDocumentParser(1_000_000, Duration.ofSeconds(30), 1_000_000, 1);

        // when / then
        assertThatThrownBy(() -> limited.parse(doc("outer.zip", outer)))
                .isInstanceOf(IngestException.class)
                .hasMessage("document nests embedded documents deeper than the limit of 1 "
                        + "(caravan.ingest.max-embedded-depth)");
    }

    @Test
    void should_extract_nested_archives_within_the_depth_limit() throws IOException {
        // given
        byte[] inner = zip("deep.txt", "Deep inside the archive.".getBytes(StandardCharsets.UTF_8));
        byte[] outer = zip("inner.zip", inner);

        // when
        ParsedDocument parsed = parser.parse(doc("outer.zip", outer));

        // then
        assertThat(parsed.blocks()).extracting(TextBlock::text, TextBlock::section)
                .containsExactly(tuple("Deep inside the archive.", List.of("inner.zip", "deep.txt")));
    }

    @Test
    void should_reject_a_zip_bomb_instead_of_skipping_the_entry() throws IOException {
        // given
        byte[] bomb = zip("big.txt", "all work and no play makes jack a dull boy\n".repeat(700_000)
                .getBytes(StandardCharsets.US_ASCII));
        TikaDocumentParser generous = new TikaDocumentParser(1_000_000, Duration.ofSeconds(60), 1_000_000_000L);

        // when / then
        assertThatThrownBy(() -> generous.parse(doc("bomb.zip", bomb)))
                .isInstanceOf(IngestException.class)
                .hasMessageStartingWith("unsupported or corrupt document: bomb.zip (application/zip): ")
                .hasMessageContaining("zip bomb");
    }

    // --- Empty and unknown input -------------------------------------------------------------------------------

    @Test
    void should_fail_on_an_empty_file() {
        // given an empty file, when parsed, then
        assertThatThrownBy(() -> parser.parse(doc("empty.txt", new byte[0])))
                .isInstanceOf(IngestException.class)
                .hasMessageStartingWith("document has no extractable text");
    }

    @Test
    void should_fail_on_a_whitespace_only_document() {
        // given a file of blanks, when parsed, then
        assertThatThrownBy(() -> parser.parse(doc("blank.txt", " \n\n\t \n".getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(IngestException.class)
                .hasMessage("document has no extractable text: blank.txt (text/plain)");
    }

    @Test
    void should_fail_on_unrecognised_binary_data() {
        // given
        byte[] garbage = new byte[2048];
        new Random(7).nextBytes(garbage);

        // when / then
        assertThatThrownBy(() -> parser.parse(doc("blob", garbage)))
                .isInstanceOf(IngestException.class)
                .hasMessage("unsupported or corrupt document: blob is not a recognised document type");
    }

    // --- Fixtures ----------------------------------------------------------------------------------------------

    private static SourceDocument doc(String path, byte[] content) {
        return new SourceDocument(path, "file", path, content, "0".repeat(64), List.of("public"), null);
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = TikaDocumentParserTest.class.getResourceAsStream("/fixtures/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static String allText(ParsedDocument parsed) {
        return String.join("\n", parsed.blocks().stream().map(TextBlock::text).toList());
    }

    /** A PDF with one page per text (an empty text makes a blank page). */
    private static byte[] pdf(String title, String... pages) throws IOException {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            if (title != null) {
                PDDocumentInformation info = new PDDocumentInformation();
                info.setTitle(title);
                pdf.setDocumentInformation(info);
            }
            for (String text : pages) {
                PDPage page = new PDPage();
                pdf.addPage(page);
                try (PDPageContentStream stream = new PDPageContentStream(pdf, page)) {
                    if (!text.isEmpty()) {
                        stream.beginText();
                        stream.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                        stream.newLineAtOffset(72, 700);
                        stream.showText(text);
                        stream.endText();
                    }
                }
            }
            pdf.save(out);
            return out.toByteArray();
        }
    }

    /** A DOCX whose headings use Heading 1/2 styles defined in the document, which is what Tika maps to h1/h2. */
    private static byte[] docx() throws IOException {
        try (XWPFDocument docx = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XWPFStyles styles = docx.createStyles();
            styles.addStyle(headingStyle("Heading1", "heading 1"));
            styles.addStyle(headingStyle("Heading2", "heading 2"));
            paragraph(docx, "Heading1", "Travel policy");
            paragraph(docx, null, "Book trains where possible.");
            paragraph(docx, "Heading2", "Expenses");
            paragraph(docx, null, "Submit receipts within 30 days.");
            docx.write(out);
            return out.toByteArray();
        }
    }

    private static XWPFStyle headingStyle(String id, String name) {
        CTStyle style = CTStyle.Factory.newInstance();
        style.setStyleId(id);
        style.setType(STStyleType.PARAGRAPH);
        CTString styleName = CTString.Factory.newInstance();
        styleName.setVal(name);
        style.setName(styleName);
        return new XWPFStyle(style);
    }

    private static void paragraph(XWPFDocument docx, String styleId, String text) {
        XWPFParagraph paragraph = docx.createParagraph();
        if (styleId != null) {
            paragraph.setStyle(styleId);
        }
        paragraph.createRun().setText(text);
    }

    private static byte[] pptx(String... slideTexts) throws IOException {
        try (XMLSlideShow show = new XMLSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String text : slideTexts) {
                XSLFSlide slide = show.createSlide();
                slide.createTextBox().setText(text);
            }
            show.write(out);
            return out.toByteArray();
        }
    }

    /** A minimal ODT with one heading and one paragraph. */
    private static byte[] odt() throws IOException {
        return OdfFiles.of("application/vnd.oasis.opendocument.text", "<office:text>"
                + "<text:h text:outline-level=\"1\">Overview</text:h>"
                + "<text:p>Open document text.</text:p>"
                + "</office:text>");
    }

    private static byte[] zip(String entryName, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            putEntry(zip, entryName, content);
        }
        return out.toByteArray();
    }

    private static void putEntry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    /** A parser that emits text forever and ignores interrupts, like a parser stuck in a pathological file. */
    private static final class EndlessParser implements Parser {
        private final CountDownLatch stopped;

        EndlessParser(CountDownLatch stopped) {
            this.stopped = stopped;
        }

        @Override
        public Set<MediaType> getSupportedTypes(ParseContext context) {
            return Set.of(MediaType.TEXT_PLAIN);
        }

        @Override
        public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
                throws SAXException {
            try {
                XHTMLContentHandler xhtml = new XHTMLContentHandler(handler, metadata);
                xhtml.startDocument();
                while (true) {
                    xhtml.element("p", "more text");
                    pause();
                }
            } finally {
                stopped.countDown();
            }
        }

        @SuppressWarnings("BusyWait")
        private static void pause() {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        }
    }
}
