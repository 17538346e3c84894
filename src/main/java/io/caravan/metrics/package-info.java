/**
 * What Caravan's metrics share (docs/operations.md#metrics): the latency histogram buckets. It depends on nothing of
 * Caravan's, so every package may use it; the meters themselves live beside the bean that counts.
 */
package io.caravan.metrics;
