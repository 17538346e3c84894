package io.caravan.embed;

/** Counts text length in an embedding model's tokens. Implementations are thread safe. */
public interface TokenCounter {

    /** Number of tokens the model sees for {@code text}, special tokens ([CLS], [SEP]) excluded. */
    int count(String text);

    /** The most tokens the model reads in one input, special tokens excluded. */
    int maxInputTokens();
}
