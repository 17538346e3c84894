package io.caravan.rerank;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.langchain4j.store.embedding.CosineSimilarity;
import io.caravan.embed.EmbeddingModelSpec;

import java.util.List;
import java.util.Objects;

/**
 * Scores each passage by the cosine similarity of its embedding and the query's under an in-process embedding
 * model, embedding the passages at query time. With a second model beside the index's, it adds an independent
 * opinion to the retrieval's (an ensemble of bi-encoders). Thread safe: the ONNX models are.
 */
public final class BiEncoderScoringModel implements ScoringModel {

    private final EmbeddingModel model;
    private final String queryPrefix;

    /** Scores with {@code spec}'s model, giving queries its query prefix. */
    public BiEncoderScoringModel(EmbeddingModelSpec spec) {
        this.model = Objects.requireNonNull(spec, "spec").model();
        this.queryPrefix = spec.queryPrefix();
    }

    @Override
    public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
        if (segments.isEmpty()) {
            return Response.from(List.of());
        }
        Embedding queryEmbedding = model.embed(TextSegment.from(queryPrefix + query)).content();
        List<Embedding> passages = model.embedAll(segments).content();
        return Response.from(passages.stream().map(p -> CosineSimilarity.between(queryEmbedding, p)).toList());
    }
}
