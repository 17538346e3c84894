package io.caravan.index.lucene;

import java.util.HashMap;
import java.util.Map;

/**
 * What Caravan records in each Lucene commit's user data: the embedding model and dimensions of the vectors,
 * a generation counted up by every write, and where the translog replay starts.
 *
 * @param embeddingModel the model the stored vectors come from, or {@code null} when unknown
 * @param dimensions     vector length, or 0 when unknown
 * @param generation     number of writes made through Caravan, persisted so it keeps increasing across restarts
 * @param translog       the first translog generation this commit does not cover (0: none written yet)
 */
record CommitData(String embeddingModel, int dimensions, long generation, long translog) {

    static final String EMBEDDING_MODEL = "caravan.embedding_model";
    static final String DIMENSIONS = "caravan.dimensions";
    static final String GENERATION = "caravan.generation";
    static final String TRANSLOG = "caravan.translog";

    /** Reads the data of a commit; absent keys become {@code null} or 0 (an index not written by Caravan). */
    static CommitData fromUserData(Map<String, String> userData) {
        String dimensions = userData.get(DIMENSIONS);
        String generation = userData.get(GENERATION);
        String translog = userData.get(TRANSLOG);
        return new CommitData(userData.get(EMBEDDING_MODEL),
                dimensions == null ? 0 : Integer.parseInt(dimensions),
                generation == null ? 0 : Long.parseLong(generation),
                translog == null ? 0 : Long.parseLong(translog));
    }

    /** The same identity at another generation, covering the translog before {@code firstUncovered}. */
    CommitData at(long newGeneration, long firstUncovered) {
        return new CommitData(embeddingModel, dimensions, newGeneration, firstUncovered);
    }

    /** Whether both describe the same vectors (model and dimensions), whatever their positions. */
    boolean sameIdentity(CommitData other) {
        return other != null && java.util.Objects.equals(embeddingModel, other.embeddingModel)
                && dimensions == other.dimensions;
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
        data.put(TRANSLOG, Long.toString(translog));
        return data;
    }
}
