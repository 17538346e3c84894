package io.caravan.ingest;

import io.caravan.index.DocumentChunks;

/**
 * The values the ingestion routes keep in exchange properties and logs, read from the typed body. A bean method
 * rather than Simple's OGNL ({@code ${body.docId}}): Camel resolves OGNL by introspecting the body's class on every
 * evaluation, which is once per expression per document. Stateless and thread safe.
 */
public final class IngestValues {

    /** The document's id. */
    public String docId(SourceDocument document) {
        return document.docId();
    }

    /** How many chunks the document has. */
    public int chunkCount(DocumentChunks document) {
        return document.chunks().size();
    }
}
