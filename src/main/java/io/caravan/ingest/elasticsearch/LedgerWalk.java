package io.caravan.ingest.elasticsearch;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caravan.index.IndexUnavailableException;
import io.caravan.index.elasticsearch.StateIndex;
import io.caravan.ingest.DocumentRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * One walk over the ledger's entries in {@code doc_id} order, a page of {@code pageSize} at a time: the next page
 * is searched for, with {@code search_after} the last one's sort value, only when the walk reaches it, so the walk
 * never holds more than one page. {@code search_after} keeps no context on the cluster (unlike a scroll or a point in
 * time), so a walk dropped half way leaves nothing to free. The first request refreshes the index, so the walk lists
 * every write acknowledged before it began; a write made during the walk is listed if it falls after the walk's
 * position. Each request goes through {@link StateIndex#call}, so a failure is an
 * {@link IndexUnavailableException}. Not thread safe: a walk is its caller's.
 */
final class LedgerWalk implements Iterator<DocumentRecord> {

    private final StateIndex index;
    private final int pageSize;
    private Iterator<DocumentRecord> page = Collections.emptyIterator();
    private List<FieldValue> after;
    private boolean started;
    private boolean lastPageRead;

    LedgerWalk(StateIndex index, int pageSize) {
        this.index = index;
        this.pageSize = pageSize;
    }

    @Override
    public boolean hasNext() {
        // a full page may hold only version tags without an entry: read on until one has a record or the end
        while (!page.hasNext() && !lastPageRead) {
            page = nextPage().iterator();
        }
        return page.hasNext();
    }

    @Override
    public DocumentRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the walk over " + index.alias() + " is at its end");
        }
        return page.next();
    }

    private List<DocumentRecord> nextPage() {
        boolean first = !started;
        List<FieldValue> from = after;
        SearchResponse<ObjectNode> response = index.call("list", client -> {
            if (first) {
                client.indices().refresh(r -> r.index(index.alias()));
            }
            return client.search(s -> {
                s.index(index.alias()).size(pageSize).trackTotalHits(t -> t.enabled(false))
                        .query(q -> q.exists(e -> e.field(LedgerEntries.STATUS)))
                        .sort(o -> o.field(f -> f.field(LedgerEntries.DOC_ID).order(SortOrder.Asc)));
                if (from != null) {
                    s.searchAfter(from);
                }
                return s;
            }, ObjectNode.class);
        });
        started = true;
        List<Hit<ObjectNode>> hits = response.hits().hits();
        List<DocumentRecord> records = new ArrayList<>(hits.size());
        for (Hit<ObjectNode> hit : hits) {
            DocumentRecord record = LedgerEntries.fromSource(hit.source()).record();
            if (record != null) {
                records.add(record);
            }
        }
        lastPageRead = hits.size() < pageSize;
        if (!lastPageRead) {
            after = hits.get(hits.size() - 1).sort();
        }
        return records;
    }
}
