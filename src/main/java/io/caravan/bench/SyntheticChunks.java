package io.caravan.bench;

import io.caravan.auth.Identity;
import io.caravan.index.Chunk;
import io.caravan.index.DocumentChunks;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Chunks and queries made up from a seed, for measuring the index at a scale no corpus on this machine reaches: text
 * of a pseudo-language whose word frequencies follow Zipf's law (so BM25's posting lists are as skewed as in real
 * text) and unit vectors of Gaussian components (so the vector index holds points spread like embeddings, without
 * paying for the embedding model). Chunk {@code i} is the same whatever else is generated, on every machine and Java
 * version ({@link Random} is specified). Immutable and thread safe.
 */
public final class SyntheticChunks {

    /** The seed of the published figures. */
    public static final long DEFAULT_SEED = 42;
    /** Words of the pseudo-language: about the vocabulary of a corpus of abstracts. */
    static final int VOCABULARY_WORDS = 20_000;
    /** Zipf's exponent: about English's. */
    static final double ZIPF_EXPONENT = 1.0;
    /**
     * Least and most words of a chunk: about SciFact's chunks (307 tokens on average under the default 510-token
     * chunking), the real chunk size the index was tuned on.
     */
    static final int MIN_CHUNK_WORDS = 150;
    static final int MAX_CHUNK_WORDS = 300;
    /**
     * The most frequent words, which queries leave out: they play the part of the function words an analyzer's
     * stopword list drops, and a real question is made of content words.
     */
    static final int QUERY_SKIPS_TOP_WORDS = 100;
    /** Source name of the written chunks. */
    static final String SOURCE = "synthetic";

    private static final String[] ONSETS = {"b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "t",
        "v", "w", "z", "br", "ch", "dr", "fl", "gr", "kr", "pl", "pr", "sh", "st", "th", "tr", "qu"};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "y"};
    private static final String[] CODAS = {"", "", "", "n", "r", "l", "m", "x", "nd", "rt"};
    private static final long QUERY_STREAM = 0x51ED2701L;

    private final long seed;
    private final int dimensions;
    private final String[] vocabulary;
    /** cumulative[r] = probability of a word of rank at most r. */
    private final double[] cumulative;

    /** The chunks of {@code seed} with vectors of {@code dimensions} components (the configured model's). */
    public SyntheticChunks(long seed, int dimensions) {
        if (dimensions <= 0) {
            throw new IllegalArgumentException("dimensions must be greater than zero, was " + dimensions);
        }
        this.seed = seed;
        this.dimensions = dimensions;
        this.vocabulary = vocabulary(new Random(seed));
        this.cumulative = zipfCumulative(VOCABULARY_WORDS, ZIPF_EXPONENT);
    }

    public int dimensions() {
        return dimensions;
    }

    /** The text of chunk {@code index}: sentences of 8 to 20 words, {@value #MIN_CHUNK_WORDS} to 300 words in all. */
    public String text(int index) {
        Random random = random(index, 0);
        int words = MIN_CHUNK_WORDS + random.nextInt(MAX_CHUNK_WORDS - MIN_CHUNK_WORDS + 1);
        StringBuilder text = new StringBuilder(words * 8);
        int written = 0;
        while (written < words) {
            int sentence = Math.min(words - written, 8 + random.nextInt(13));
            for (int w = 0; w < sentence; w++) {
                String word = vocabulary[rank(random)];
                if (w == 0) {
                    text.append(written == 0 ? "" : " ").append(word.substring(0, 1).toUpperCase(Locale.ROOT))
                            .append(word, 1, word.length());
                } else {
                    text.append(' ').append(word);
                }
            }
            text.append('.');
            written += sentence;
        }
        return text.toString();
    }

    /** The vector of chunk {@code index}: Gaussian components, scaled to unit length. */
    public float[] vector(int index) {
        return unitVector(random(index, 1));
    }

    /** Query {@code index}: 3 to 8 content words drawn with the corpus's frequencies. */
    public String query(int index) {
        Random random = random(index, QUERY_STREAM);
        int words = 3 + random.nextInt(6);
        StringBuilder query = new StringBuilder();
        for (int w = 0; w < words; w++) {
            int rank = rank(random);
            while (rank < QUERY_SKIPS_TOP_WORDS) {
                rank = rank(random);
            }
            query.append(w == 0 ? "" : " ").append(vocabulary[rank]);
        }
        return query.toString();
    }

    /** The vector of query {@code index}, like a chunk's and independent of every chunk's. */
    public float[] queryVector(int index) {
        return unitVector(random(index, QUERY_STREAM + 1));
    }

    /**
     * Chunk {@code index} as the only chunk of document {@code synthetic/<index>} (SciFact's abstracts are 1.09
     * chunks each), readable by the group {@code public}, embedded by {@code embeddingModel}.
     */
    public DocumentChunks document(int index, String embeddingModel, Instant now) {
        String docId = SOURCE + "/" + index;
        String hash = String.format(Locale.ROOT, "%064x", (long) index);
        Chunk chunk = new Chunk(Chunk.idOf(docId, 0), docId, SOURCE, "Synthetic chunk " + index, text(index), "",
                null, 0, hash, "text/plain", List.of(Identity.PUBLIC), now, now, vector(index), embeddingModel);
        return new DocumentChunks(docId, hash, List.of(chunk));
    }

    /** A random number stream of its own for item {@code index} of stream {@code stream}. */
    private Random random(int index, long stream) {
        return new Random(seed * 0x9E3779B97F4A7C15L + (index + 1) * 0xBF58476D1CE4E5B9L + stream * 0x94D049BB133111EBL);
    }

    private float[] unitVector(Random random) {
        float[] vector = new float[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            double component = random.nextGaussian();
            vector[i] = (float) component;
            norm += component * component;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimensions; i++) {
            vector[i] *= scale;
        }
        return vector;
    }

    /** A word's rank (0 the most frequent) drawn from Zipf's distribution. */
    private int rank(Random random) {
        int found = Arrays.binarySearch(cumulative, random.nextDouble());
        return Math.min(found >= 0 ? found : -found - 1, cumulative.length - 1);
    }

    /** Distinct pronounceable words, the frequent ones short (as in natural languages), in rank order. */
    private static String[] vocabulary(Random random) {
        Set<String> words = new LinkedHashSet<>();
        while (words.size() < VOCABULARY_WORDS) {
            int rank = words.size();
            int syllables = 1 + (rank >= 50 ? 1 : 0) + (rank >= 2_000 ? 1 : 0) + random.nextInt(2);
            StringBuilder word = new StringBuilder();
            for (int s = 0; s < syllables; s++) {
                word.append(pick(ONSETS, random)).append(pick(VOWELS, random));
            }
            words.add(word.append(pick(CODAS, random)).toString());
        }
        return words.toArray(String[]::new);
    }

    private static double[] zipfCumulative(int words, double exponent) {
        double[] cumulative = new double[words];
        double sum = 0;
        for (int r = 0; r < words; r++) {
            sum += 1 / Math.pow(r + 1, exponent);
            cumulative[r] = sum;
        }
        for (int r = 0; r < words; r++) {
            cumulative[r] /= sum;
        }
        return cumulative;
    }

    private static String pick(String[] parts, Random random) {
        return parts[random.nextInt(parts.length)];
    }
}
