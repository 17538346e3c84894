package io.caravan.channel;

import io.caravan.index.Hit;

import java.util.List;

/**
 * The body of {@code GET /api/search}.
 *
 * @param hits ranked chunks
 */
public record SearchResponse(List<SearchHit> hits) {

    /** The response for ranked index hits. */
    public static SearchResponse of(List<Hit> hits) {
        return new SearchResponse(hits.stream().map(SearchHit::of).toList());
    }

    /**
     * One ranked chunk.
     */
    public record SearchHit(String chunkId, String docId, String source, String title, String section, Integer page,
                            String content, double score) {
        static SearchHit of(Hit hit) {
            var c = hit.chunk();
            return new SearchHit(c.chunkId(), c.docId(), c.source(), c.title(), c.section(), c.page(), c.content(),
                    hit.score());
        }
    }
}
