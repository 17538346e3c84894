/**
 * Reranking: reorders the retrieval's fused candidates with a model that reads the question and each passage
 * together, then keeps the top-k (docs/architecture.md#reranking).
 */
package io.caravan.rerank;
