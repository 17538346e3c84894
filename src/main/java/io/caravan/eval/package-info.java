/**
 * Retrieval quality measured on BEIR datasets: the dataset readers, document rankings and the metrics.
 */
package io.caravan.eval;
