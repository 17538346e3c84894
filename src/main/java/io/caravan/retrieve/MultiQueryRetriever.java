package io.caravan.retrieve;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.caravan.answer.Question;
import io.caravan.embed.EmbeddingModelSpec;
import io.caravan.index.Hit;
import io.caravan.index.ReciprocalRankFusion;

import java.util.ArrayList;
import java.util.List;

/**
 * The ask route's retrieval: the question's candidates from {@link HybridRetriever}, and, when the language model
 * gives {@link QueryVariants}, each variant's candidates too, all lists fused by reciprocal rank (ranks, not scores:
 * the lists' fused scores are not comparable across queries). Without variants it is exactly the hybrid retriever.
 * Thread safe.
 */
public class MultiQueryRetriever {

    private final HybridRetriever retriever;
    private final QueryVariants variants;
    private final EmbeddingModelSpec embedding;
    private final int rrfK;

    public MultiQueryRetriever(HybridRetriever retriever, QueryVariants variants, EmbeddingModelSpec embedding,
                               int rrfK) {
        this.retriever = retriever;
        this.variants = variants;
        this.embedding = embedding;
        this.rrfK = rrfK;
    }

    /** The candidates for reranking, best first, as many as {@link HybridRetriever#candidates} gives. */
    public List<Hit> candidates(Question question, float[] queryVector) {
        List<Hit> original = retriever.candidates(question, queryVector);
        // a question that must be answered extractively reaches no language model, not even for query variants
        List<String> others = question.extractiveOnly() ? List.of() : variants.variants(question.text());
        if (others.isEmpty()) {
            return original;
        }
        List<List<Hit>> lists = new ArrayList<>();
        lists.add(original);
        int limit = Math.max(1, original.size());
        EmbeddingModel model = embedding.model();
        for (String variant : others) {
            float[] vector = model.embed(embedding.queryText(variant)).content().vector();
            List<Hit> hits = retriever.candidates(question.withText(variant), vector);
            limit = Math.max(limit, hits.size());
            lists.add(hits);
        }
        return ReciprocalRankFusion.fuse(lists, rrfK, limit);
    }
}
