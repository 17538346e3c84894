package io.caravan.index;

/** The index holds vectors from another embedding model than the configured one; a re-index is needed. */
public class EmbeddingModelMismatchException extends RuntimeException {
    public EmbeddingModelMismatchException(String indexModel, String configuredModel) {
        super("the index was built with embedding model '" + indexModel + "' but '" + configuredModel
                + "' is configured; run `java -jar target/caravan.jar reindex` to rebuild it");
    }
}
