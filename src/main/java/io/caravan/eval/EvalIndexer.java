package io.caravan.eval;

import io.caravan.auth.Identity;
import io.caravan.batch.BatchIngestion;
import io.caravan.batch.BatchProgress;
import io.caravan.batch.IngestTally;
import io.caravan.config.CaravanSettings;
import io.caravan.index.HybridIndex;
import io.caravan.ingest.ContentHash;
import io.caravan.ingest.DocumentLedger;
import io.caravan.ingest.DocumentStatus;
import io.caravan.ingest.SourceDocument;
import org.apache.camel.CamelContext;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Builds the evaluation index of a BEIR corpus through the ingestion pipeline ({@code direct:ingest}), or reuses it
 * when a marker says a complete index of the same corpus and indexing settings is already there. Not thread safe.
 */
public final class EvalIndexer {

    /** Source name of the indexed records. */
    static final String SOURCE = "eval";

    private final CamelContext context;
    private final PrintWriter err;
    private final HybridIndex index;

    /** Indexes into the running pipeline of {@code context}; warnings go to {@code err}. */
    public EvalIndexer(CamelContext context, PrintWriter err) {
        this.context = context;
        this.err = err;
        this.index = context.getRegistry().lookupByNameAndType("hybridIndex", HybridIndex.class);
    }

    /** Indexes every record of {@code dataset} unless {@code indexDir} holds a complete index for {@code key}. */
    public IndexingReport index(BeirDataset dataset, EvalIndexKey key, Path indexDir) throws Exception {
        var marker = EvalIndexMarker.read(indexDir).filter(m -> m.matches(key));
        long chunksNow = index.stats().chunks();
        if (marker.isPresent() && marker.get().chunks() == chunksNow) {
            return new IndexingReport(true, marker.get().documents(), 0, 0, Map.of(), chunksNow,
                    marker.get().indexingSeconds(), 0);
        }
        forgetLostDocuments();
        Instant modifiedAt = Instant.now();
        IngestTally tally;
        double seconds;
        try (BatchIngestion batch = new BatchIngestion(context,
                CaravanSettings.of(context).ingest().concurrency(), "caravan-eval-ingest-",
                BatchProgress.onStandardError("index", key.corpus().records()))) {
            batch.ingestDocuments(sink -> dataset.forEachDocument(record ->
                    sink.accept(sourceDocument(record, modifiedAt))));
            tally = batch.tally();
            seconds = batch.elapsedNanos() / 1e9;
        }
        long totalChunks = index.stats().chunks();
        Map<String, String> failed = tally.failures();
        if (failed.isEmpty()) {
            new EvalIndexMarker(key.id(), key.corpus().sha256(), key.corpus().records(), totalChunks, seconds,
                    key.settings()).write(indexDir);
        } else {
            err.println("caravan eval: " + failed.size() + " records failed; the index is not marked complete, "
                    + "so the next run checks every record again (unchanged ones are skipped)");
        }
        return new IndexingReport(false, tally.indexed() + tally.unchanged() + failed.size(), tally.indexed(),
                tally.unchanged(), failed, totalChunks, seconds, tally.chunks());
    }

    /** A corpus record as the ingestion pipeline's input: title, blank line, text, as a UTF-8 text file. */
    static SourceDocument sourceDocument(CorpusRecord record, Instant modifiedAt) {
        byte[] content = record.content().getBytes(StandardCharsets.UTF_8);
        return new SourceDocument(record.id(), SOURCE, record.id() + ".txt", content, ContentHash.of(content),
                List.of(Identity.PUBLIC), modifiedAt);
    }

    /**
     * When the index holds fewer documents than the ledger says are indexed (an Elasticsearch node wiped, an index
     * deleted by hand), the ledger would skip them as unchanged: forget it so every record is indexed again.
     */
    private void forgetLostDocuments() {
        DocumentLedger ledger = context.getRegistry().lookupByNameAndType("documentLedger", DocumentLedger.class);
        long inLedger = ledger.list().stream()
                .filter(r -> r.status() == DocumentStatus.INDEXED && r.chunks() > 0).count();
        long inIndex = index.stats().documents();
        if (inLedger != inIndex) {
            err.println("caravan eval: the ledger lists " + inLedger + " indexed documents, the index holds " + inIndex
                    + "; indexing every record again");
            ledger.clear();
        }
    }
}
