/**
 * The document ledger on Elasticsearch, shared by every Caravan instance on one chunk alias
 * (docs/operations.md#scale-out).
 */
package io.caravan.ingest.elasticsearch;
