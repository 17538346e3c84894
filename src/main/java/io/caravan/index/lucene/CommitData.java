package io.caravan.index.lucene;

import io.caravan.index.VectorIdentity;
import java.util.HashMap;
import java.util.Map;

/**
 * What Caravan records in each Lucene commit's user data: the embedding model and dimensions of the vectors,
 * a generation counted up by every write, and where the translog replay starts.
 *
 * @param vectors    the model and length the stored vectors come from ({@code null} model, 0 length: unknown)
 * @param generation number of writes made through Caravan, persisted so it keeps increasing across restarts
 * @param translog   the first translog generation this commit does not cover (0: none written yet)
 */
record CommitData(VectorIdentity vectors, long generation, long translog) {

    static final String EMBEDDING_MODEL = "caravan.embedding_model";
    static final String DIMENSIONS = "caravan.dimensions";
    static final String GENERATION = "caravan.generation";
    static final String TRANSLOG = "caravan.translog";

    /** Reads the data of a commit; absent keys become {@code null} or 0 (an index not written by Caravan). */
    static CommitData fromUserData(Map<String, String> userData) {
        String dimensions = userData.get(DIMENSIONS);
        String generation = userData.get(GENERATION);
        String translog = userData.get(TRANSLOG);
        return new CommitData(new VectorIdentity(userData.get(EMBEDDING_MODEL),
                dimensions == null ? 0 : Integer.parseInt(dimensions)),
                generation == null ? 0 : Long.parseLong(generation),
                translog == null ? 0 : Long.parseLong(translog));
    }

    /** The same vectors at another generation, covering the translog before {@code firstUncovered}. */
    CommitData at(long newGeneration, long firstUncovered) {
        return new CommitData(vectors, newGeneration, firstUncovered);
    }

    Map<String, String> toUserData() {
        Map<String, String> data = new HashMap<>();
        if (vectors.model() != null) {
            data.put(EMBEDDING_MODEL, vectors.model());
        }
        data.put(DIMENSIONS, Integer.toString(vectors.dimensions()));
        data.put(GENERATION, Long.toString(generation));
        data.put(TRANSLOG, Long.toString(translog));
        return data;
    }
}
