package io.caravan.rerank;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import io.caravan.embed.EmbeddingModelSpec;

import java.util.List;
import java.util.Objects;

/**
 * A scoring model on an in-process embedding model: the query is embedded with the model's query prefix, and a
 * subclass scores the passages against it. Thread safe: the ONNX models are.
 */
abstract class EmbeddingScoringModel implements ScoringModel {

    /** The model passages (or their parts) are embedded with. */
    final EmbeddingModel model;
    private final String queryPrefix;

    /** Scores with {@code spec}'s model, giving queries its query prefix. */
    EmbeddingScoringModel(EmbeddingModelSpec spec) {
        this.model = Objects.requireNonNull(spec, "spec").model();
        this.queryPrefix = spec.queryPrefix();
    }

    @Override
    public final Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
        if (segments.isEmpty()) {
            return Response.from(List.of());
        }
        Embedding queryEmbedding = model.embed(TextSegment.from(queryPrefix + query)).content();
        return Response.from(score(segments, queryEmbedding));
    }

    /** One score per passage, in order, against the embedded query. */
    abstract List<Double> score(List<TextSegment> passages, Embedding query);
}
