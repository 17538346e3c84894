package io.caravan.rerank;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.CosineSimilarity;
import io.caravan.embed.EmbeddingModelSpec;

import java.util.List;

/**
 * Scores each passage by the cosine similarity of its embedding and the query's under an in-process embedding
 * model, embedding the passages at query time. With a second model beside the index's, it adds an independent
 * opinion to the retrieval's (an ensemble of bi-encoders). Thread safe: the ONNX models are.
 */
public final class BiEncoderScoringModel extends EmbeddingScoringModel {

    /** Scores with {@code spec}'s model, giving queries its query prefix. */
    public BiEncoderScoringModel(EmbeddingModelSpec spec) {
        super(spec);
    }

    @Override
    List<Double> score(List<TextSegment> passages, Embedding query) {
        return model.embedAll(passages).content().stream().map(p -> CosineSimilarity.between(query, p)).toList();
    }
}
