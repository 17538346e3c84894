package io.caravan.index;

/** Which ranked lists a search uses. */
public enum SearchMode {
    /** Text relevance only. */
    BM25,
    /** Vector similarity only. */
    DENSE,
    /** BM25 and vector lists fused. */
    HYBRID
}
