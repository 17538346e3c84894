package io.caravan.embed;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;

import java.util.List;

/** The embedding models that ship inside Maven jars, by configuration name ({@code caravan.embedding.model}). */
public final class EmbeddingModels {

    /** bge-small-en-v1.5, int8-quantised: 384 dimensions, 512 tokens. */
    public static final String BGE_SMALL_EN_V15_Q = "bge-small-en-v1.5-q";
    /** all-MiniLM-L6-v2, int8-quantised: 384 dimensions, 512 tokens (trained on 256). */
    public static final String ALL_MINILM_L6_V2_Q = "all-minilm-l6-v2-q";

    private EmbeddingModels() {
    }

    /** Names {@link #load} accepts. */
    public static List<String> names() {
        return List.of(BGE_SMALL_EN_V15_Q, ALL_MINILM_L6_V2_Q);
    }

    /** Loads the named model from its jar; nothing is downloaded. */
    public static EmbeddingModelSpec load(String name) {
        return switch (name) {
            // bge expects this instruction before queries, not before passages (model card).
            case BGE_SMALL_EN_V15_Q -> new EmbeddingModelSpec(name, new BgeSmallEnV15QuantizedEmbeddingModel(), 384,
                    "bge-small-en-v1.5-q-tokenizer.json", "Represent this sentence for searching relevant passages: ");
            case ALL_MINILM_L6_V2_Q -> new EmbeddingModelSpec(name, new AllMiniLmL6V2QuantizedEmbeddingModel(), 384,
                    "all-minilm-l6-v2-q-tokenizer.json", "");
            default -> throw new IllegalArgumentException(
                    "unknown caravan.embedding.model '" + name + "'; choose one of " + names());
        };
    }
}
