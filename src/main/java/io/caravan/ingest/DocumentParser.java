package io.caravan.ingest;

/** Extracts structured text from a document's raw bytes. Implementations are thread safe. */
public interface DocumentParser {

    /**
     * Parses the document.
     *
     * @throws IngestException with step {@code parse} when the bytes cannot be read as a document, exceed a limit
     *                         or hold no text
     */
    ParsedDocument parse(SourceDocument document);
}
