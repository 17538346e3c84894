package io.caravan.index.elasticsearch;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.caravan.index.ChunkFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repairs documents a crash left in the middle of a replacement, holding two revisions or part of one: keeps each
 * document's newest complete revision ({@code revision_chunks} says how many chunks make it complete) or, when
 * none is complete, nothing (the ledger left the document pending, so ingestion writes it again). Run at start-up,
 * before any write; not thread safe.
 */
final class TornDocumentRepair {

    private static final Logger LOG = LoggerFactory.getLogger(TornDocumentRepair.class);

    private final String alias;
    private final ChunkScans scans;
    private final BulkRequests bulk;

    TornDocumentRepair(String alias, ChunkScans scans, BulkRequests bulk) {
        this.alias = alias;
        this.scans = scans;
        this.bulk = bulk;
    }

    /** Keeps only the newest complete revision of every document; refreshes when anything was deleted. */
    void repairAll() throws IOException {
        Map<String, Set<Long>> drop = tornRevisions(Query.of(q -> q.matchAll(m -> m)));
        if (drop.isEmpty()) {
            return;
        }
        List<BulkOperation> deletions = new ArrayList<>();
        for (Map.Entry<String, Set<Long>> entry : drop.entrySet()) {
            List<FieldValue> revisionValues = entry.getValue().stream().map(FieldValue::of).toList();
            Query torn = Query.of(q -> q.bool(b -> b
                    .filter(f -> f.term(t -> t.field(ChunkFields.DOC_ID).value(entry.getKey())))
                    .filter(f -> f.terms(t -> t.field(ChunkSources.REVISION).terms(v -> v.value(revisionValues))))));
            scans.forEachStoredChunk(torn, stored -> deletions.add(bulk.deletion(stored.id(), stored.docId())));
        }
        bulk.sendAll(deletions, "repair torn documents in");
        bulk.refresh();
        LOG.warn("Elasticsearch index {}: repaired {} document(s) left half-replaced by an interrupted write "
                + "(kept each one's newest complete version, if any): {}", alias, drop.size(),
                drop.keySet().stream().limit(20).toList());
    }

    /** The revisions to drop, by document: every one but the newest complete one. */
    private Map<String, Set<Long>> tornRevisions(Query scope) throws IOException {
        // by document, by revision: chunks stored and chunks declared
        Map<String, Map<Long, long[]>> revisions = new TreeMap<>();
        scans.forEachBucket(scope, List.of(ChunkFields.DOC_ID, ChunkSources.REVISION), true, bucket -> {
            FieldValue revision = bucket.key().get(ChunkSources.REVISION);
            if (revision == null || revision.isNull()) {
                return;
            }
            double declared = bucket.aggregations().get("declared").max().value();
            revisions.computeIfAbsent(bucket.key().get(ChunkFields.DOC_ID).stringValue(), k -> new TreeMap<>())
                    .put(revision.longValue(), new long[] {bucket.docCount(), (long) declared});
        });
        Map<String, Set<Long>> drop = new TreeMap<>();
        revisions.forEach((docId, byRevision) -> {
            Long keep = null;
            for (Map.Entry<Long, long[]> entry : byRevision.entrySet()) {
                if (entry.getValue()[0] == entry.getValue()[1]) {
                    keep = entry.getKey(); // ascending: the last complete one is the newest
                }
            }
            Set<Long> others = new HashSet<>(byRevision.keySet());
            if (keep != null) {
                others.remove(keep);
            }
            if (!others.isEmpty()) {
                drop.put(docId, others);
            }
        });
        return drop;
    }
}
