/**
 * The embedded {@link io.caravan.index.HybridIndex}: one Lucene index on disk with BM25 text fields and HNSW
 * vectors, group-committed writes and a background-refreshed searcher (docs/architecture.md#index-engines).
 */
package io.caravan.index.lucene;
