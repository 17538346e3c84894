/**
 * Retrieval quality measured on BEIR datasets: the dataset readers, the evaluation index, document rankings and the
 * metrics.
 */
package io.caravan.eval;
