package io.caravan.config;

import io.caravan.ingest.parse.OcrOptions;

import java.time.Duration;

/**
 * How scans are read, {@code caravan.ocr.*} (docs/configuration.md#ocr).
 *
 * @param mode        {@code auto} (OCR only the pages without text, when Tesseract is here), {@code off},
 *                    {@code always}
 * @param languages   Tesseract language packs joined by {@code +}, {@code eng} or {@code eng+deu}
 * @param pageTimeout longest OCR of one page or image
 * @param maxPages    most pages of one document that are OCRed
 */
public record OcrSettings(OcrOptions.Mode mode, String languages, Duration pageTimeout, int maxPages) {

    public OcrSettings {
        if (!languages.matches("[a-z_]{3,}(\\+[a-z_]{3,})*")) {
            throw new IllegalStateException("caravan.ocr.languages must be Tesseract language codes joined by +, "
                    + "such as eng or eng+deu, was " + languages);
        }
        IngestSettings.atLeast("caravan.ocr.max-pages", maxPages, 1);
        if (pageTimeout.isNegative() || pageTimeout.isZero()) {
            throw new IllegalStateException("caravan.ocr.page-timeout must be positive, was " + pageTimeout);
        }
    }

    static OcrSettings read(Settings settings) {
        try {
            return new OcrSettings(OcrOptions.Mode.of(settings.string("caravan.ocr.mode")),
                    settings.string("caravan.ocr.languages").strip(), settings.duration("caravan.ocr.page-timeout"),
                    settings.integer("caravan.ocr.max-pages"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The parser's options, with whether Tesseract and the language packs are installed (asked when off: never). */
    OcrOptions options() {
        String unavailable = mode == OcrOptions.Mode.OFF ? null
                : io.caravan.ingest.parse.TesseractProbe.unavailableReason("tesseract", languages);
        return new OcrOptions(mode, languages, pageTimeout, maxPages, unavailable);
    }
}
