package io.caravan.config;

import io.caravan.index.HitFusion;
import io.caravan.index.SearchMode;

import java.util.Locale;

/**
 * How passages are found for a question: the {@code caravan.retrieval.*} keys.
 *
 * @param mode            BM25, dense or hybrid ({@code caravan.retrieval.mode})
 * @param fusion          how a hybrid search's two lists become one ({@code caravan.retrieval.fusion} with
 *                        {@code rrf-k} or {@code dense-weight})
 * @param rrfK            the rank constant of reciprocal rank fusion, also used to fuse query variants
 * @param candidates      hits kept for the reranker
 * @param topK            passages an answer is made from, unless the question says
 * @param rewrite         with an LLM: also retrieve for one rewritten query
 * @param multiQueryCount with an LLM: retrieve for this many query variants (0: off)
 */
public record RetrievalSettings(SearchMode mode, HitFusion fusion, int rrfK, int candidates, int topK,
                                boolean rewrite, int multiQueryCount) {

    static RetrievalSettings read(Settings settings) {
        return new RetrievalSettings(mode(settings.string("caravan.retrieval.mode")), fusion(settings),
                settings.integer("caravan.retrieval.rrf-k"), settings.integer("caravan.retrieval.candidates"),
                settings.integer("caravan.retrieval.top-k"), settings.bool("caravan.retrieval.rewrite.enabled"),
                settings.integer("caravan.retrieval.multi-query.count"));
    }

    private static SearchMode mode(String name) {
        try {
            return SearchMode.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("caravan.retrieval.mode must be bm25, dense or hybrid, was " + name);
        }
    }

    /** The hybrid fusion of {@code caravan.retrieval.fusion} (rrf or convex), the same for every engine. */
    private static HitFusion fusion(Settings settings) {
        String name = settings.string("caravan.retrieval.fusion").toLowerCase(Locale.ROOT);
        return switch (name) {
            case "rrf" -> HitFusion.reciprocalRank(settings.integer("caravan.retrieval.rrf-k"));
            case "convex" -> HitFusion.convex(settings.decimal("caravan.retrieval.dense-weight"));
            default -> throw new IllegalStateException("caravan.retrieval.fusion must be rrf or convex, was " + name);
        };
    }
}
