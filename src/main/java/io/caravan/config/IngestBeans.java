package io.caravan.config;

import io.caravan.ingest.ChunkAssembler;
import io.caravan.ingest.ChunkEmbedder;
import io.caravan.ingest.IngestMetrics;
import io.caravan.ingest.IngestValues;
import io.caravan.ingest.Quarantine;
import io.caravan.ingest.SourceAcls;
import io.caravan.ingest.chunk.StructureAwareChunker;
import io.caravan.ingest.parse.OcrOptions;
import io.caravan.ingest.parse.TikaDocumentParser;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.camel.spi.Registry;

/**
 * The beans of the ingest pipeline ({@code pipeline-ingest}): parse, chunk, embed, and quarantine on failure (the
 * {@code aclRelabeller} it shares with the source reconcilers is bound with the sources).
 */
final class IngestBeans {

    private static final Logger LOG = LoggerFactory.getLogger(IngestBeans.class);

    private IngestBeans() {
    }

    /** @param acls the ACL each source gives a docId, recorded for a document that failed before it was read */
    static void bind(CamelContext context, IngestSettings ingest, OcrSettings ocrSettings, CoreBeans core,
                     SourceAcls acls) {
        Registry registry = context.getRegistry();
        OcrOptions ocr = ocrSettings.options();
        if (ocr.unavailableReason() != null) {
            LOG.warn("OCR is unavailable, scanned documents will be quarantined: {}", ocr.unavailableReason());
        }
        registry.bind("ocrOptions", ocr);
        registry.bind("documentParser", new TikaDocumentParser(ingest.maxFileSize(), ingest.parseTimeout(),
                ingest.maxCharacters(), ingest.maxEmbeddedDepth(), ocr));
        registry.bind("documentChunker", new StructureAwareChunker(core.tokens(), ingest.maxChunkTokens(),
                ingest.overlapTokens()));
        registry.bind("chunkAssembler", new ChunkAssembler(core.embedding().name()));
        registry.bind("ingestValues", new IngestValues());
        registry.bind("ingestMetrics", new IngestMetrics(core.meters()));
        registry.bind("chunkEmbedder", new ChunkEmbedder(core.embedding().model(), context.getExecutorServiceManager()
                .newFixedThreadPool(IngestBeans.class, "caravan-embed", ingest.embeddingThreads())));
        registry.bind("quarantine", new Quarantine(core.ledger(), acls));
    }
}
