package io.caravan.ingest.parse;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;

/**
 * How scans are read (docs/architecture.md#ocr): Tesseract through Tika's OCR parser, for images and for the PDF
 * pages that have no text layer.
 *
 * @param mode              {@code auto}: OCR only pages without text; {@code off}; {@code always}: every PDF page
 *                          is OCRed instead of its text layer
 * @param languages         Tesseract's language packs, {@code eng} or {@code eng+deu}
 * @param pageTimeout       longest OCR of one page or image
 * @param maxPages          most pages one document may have OCRed
 * @param unavailableReason why OCR cannot run here (Tesseract or a language pack missing), or {@code null} when it
 *                          can
 */
public record OcrOptions(Mode mode, String languages, Duration pageTimeout, int maxPages, String unavailableReason) {

    /** {@code caravan.ocr.mode}. */
    public enum Mode {
        AUTO, OFF, ALWAYS;

        /** The mode named {@code name} (any case). @throws IllegalArgumentException naming the modes */
        public static Mode of(String name) {
            try {
                return valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("caravan.ocr.mode must be auto, off or always, was " + name);
            }
        }
    }

    /** No OCR: what a parser built without OCR settings does. */
    public static final OcrOptions OFF = new OcrOptions(Mode.OFF, "eng", Duration.ofSeconds(60), 0, null);

    public OcrOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(languages, "languages");
        Objects.requireNonNull(pageTimeout, "pageTimeout");
    }

    /** Whether pages and images are OCRed: on, and Tesseract with its language packs is here. */
    public boolean runs() {
        return mode != Mode.OFF && unavailableReason == null;
    }

    /** {@code available}, {@code unavailable} or {@code off}, as {@code /api/health} reports it. */
    public String state() {
        return mode == Mode.OFF ? "off" : unavailableReason == null ? "available" : "unavailable";
    }

    /** What a document without a text layer is told when OCR does not run. */
    String whyNotRead() {
        if (mode == Mode.OFF) {
            return "OCR is off (caravan.ocr.mode=off)";
        }
        return "OCR is unavailable: " + unavailableReason;
    }

    /** Sets Tika's OCR and PDF options for one parse. */
    void configure(ParseContext context) {
        TesseractOCRConfig tesseract = new TesseractOCRConfig();
        tesseract.setSkipOcr(!runs());
        tesseract.setLanguage(languages);
        tesseract.setTimeoutSeconds((int) Math.max(1, pageTimeout.toSeconds()));
        context.set(TesseractOCRConfig.class, tesseract);
        PDFParserConfig pdf = new PDFParserConfig();
        pdf.setOcrStrategy(!runs() ? PDFParserConfig.OCR_STRATEGY.NO_OCR
                : mode == Mode.ALWAYS ? PDFParserConfig.OCR_STRATEGY.OCR_ONLY : PDFParserConfig.OCR_STRATEGY.AUTO);
        // Tesseract reads 300 dpi best; Tika's default of 300 is named so a change of default does not pass unseen
        pdf.setOcrDPI(300);
        context.set(PDFParserConfig.class, pdf);
    }
}
