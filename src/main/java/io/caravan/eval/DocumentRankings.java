package io.caravan.eval;

import io.caravan.index.Hit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Folds ranked chunks into ranked documents, as BEIR judges documents, not passages. Pure and thread safe. */
public final class DocumentRankings {

    private DocumentRankings() {
    }

    /**
     * The documents of {@code hits} in order of first appearance, each scored by its first (best) chunk, at most
     * {@code limit} of them.
     *
     * @param hits chunks, best first
     */
    public static List<RankedDocument> fold(List<Hit> hits, int limit) {
        List<RankedDocument> documents = new ArrayList<>(Math.min(limit, hits.size()));
        Set<String> seen = new HashSet<>();
        for (Hit hit : hits) {
            if (documents.size() == limit) {
                break;
            }
            if (seen.add(hit.chunk().docId())) {
                documents.add(new RankedDocument(hit.chunk().docId(), hit.score()));
            }
        }
        return documents;
    }

    /** The ids of {@code ranking}, in order. */
    public static List<String> ids(List<RankedDocument> ranking) {
        return ranking.stream().map(RankedDocument::docId).toList();
    }
}
