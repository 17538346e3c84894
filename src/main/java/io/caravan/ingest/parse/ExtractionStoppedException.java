package io.caravan.ingest.parse;

import org.xml.sax.SAXException;

/** Extraction was stopped by a limit or by cancellation; a SAX exception so it travels through Tika's parsers. */
final class ExtractionStoppedException extends SAXException {
    private final ExtractionGuard.Stop reason;

    ExtractionStoppedException(ExtractionGuard.Stop reason) {
        super("extraction stopped: " + reason);
        this.reason = reason;
    }

    /** Why extraction stopped. */
    ExtractionGuard.Stop reason() {
        return reason;
    }
}
