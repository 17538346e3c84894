package io.caravan.index.lucene;

import java.util.HashMap;
import java.util.Map;

/**
 * What Caravan records in each Lucene commit's user data: the embedding model and dimensions of the vectors,
 * and a generation counted up by every commit.
 *
 * @param embeddingModel the model the stored vectors come from, or {@code null} when unknown
 * @param dimensions     vector length, or 0 when unknown
 * @param generation     number of commits made through Caravan, persisted so it keeps increasing across restarts
 */
record CommitData(String embeddingModel, int dimensions, long generation) {

    static final String EMBEDDING_MODEL = "caravan.embedding_model";
    static final String DIMENSIONS = "caravan.dimensions";
    static final String GENERATION = "caravan.generation";

    /** Reads the data of a commit; absent keys become {@code null} or 0 (an index not written by Caravan). */
    static CommitData fromUserData(Map<String, String> userData) {
        String dimensions = userData.get(DIMENSIONS);
        String generation = userData.get(GENERATION);
        return new CommitData(userData.get(EMBEDDING_MODEL),
                dimensions == null ? 0 : Integer.parseInt(dimensions),
                generation == null ? 0 : Long.parseLong(generation));
    }

    /** The same identity at another generation. */
    CommitData withGeneration(long newGeneration) {
        return new CommitData(embeddingModel, dimensions, newGeneration);
    }

    /** Whether vectors made with this model and length may be mixed with the stored ones. */
    boolean isCompatibleWith(String model, int dims) {
        return model.equals(embeddingModel) && dims == dimensions;
    }

    /** The model and length as one label for error messages. */
    String describeModel() {
        return (embeddingModel == null ? "<unknown>" : embeddingModel) + " (" + dimensions + " dimensions)";
    }

    Map<String, String> toUserData() {
        Map<String, String> data = new HashMap<>();
        if (embeddingModel != null) {
            data.put(EMBEDDING_MODEL, embeddingModel);
        }
        data.put(DIMENSIONS, Integer.toString(dimensions));
        data.put(GENERATION, Long.toString(generation));
        return data;
    }
}
