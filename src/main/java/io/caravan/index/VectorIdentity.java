package io.caravan.index;

/**
 * Which embedding model, at which vector length, an index's vectors come from; vectors of two identities are not
 * comparable.
 *
 * @param model      the embedding model's name, or {@code null} when the index does not record it
 * @param dimensions the vector length, or 0 when unknown
 */
public record VectorIdentity(String model, int dimensions) {

    /** The model and length as one label for messages: {@code name (n dimensions)}. */
    public String describe() {
        return (model == null ? "<unknown>" : model) + " (" + dimensions + " dimensions)";
    }
}
