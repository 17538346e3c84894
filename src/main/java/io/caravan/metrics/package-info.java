/**
 * What Caravan exports to Prometheus beyond Camel's route metrics (docs/operations.md#metrics): the shared latency
 * buckets and the gauges read from the index and the ledger. Counters that belong to one bean live beside it.
 */
package io.caravan.metrics;
