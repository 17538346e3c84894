package io.caravan.embed;

import dev.langchain4j.model.embedding.EmbeddingModel;

import java.util.Objects;

/**
 * An in-process embedding model together with what the pipeline must know about it.
 *
 * @param name              the configuration name, recorded on every chunk ({@code embedding_model})
 * @param model             the model; thread safe
 * @param dimensions        vector length
 * @param tokenizerResource classpath resource of the model's tokenizer, for exact token counts
 * @param queryPrefix       text put before a query (not a passage) when embedding it, as the model expects
 */
public record EmbeddingModelSpec(String name, EmbeddingModel model, int dimensions, String tokenizerResource,
                                 String queryPrefix) {
    public EmbeddingModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        queryPrefix = queryPrefix == null ? "" : queryPrefix;
    }

    /** The text to embed for a query. */
    public String queryText(String query) {
        return queryPrefix + query;
    }
}
