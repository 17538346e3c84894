/**
 * The production {@link io.caravan.index.HybridIndex}: chunks in an Elasticsearch index behind an alias, written
 * with Bulk requests made visible by one explicit refresh, searched with BM25 and pre-filtered kNN and fused in
 * Caravan (docs/architecture.md#index-engines).
 */
package io.caravan.index.elasticsearch;
