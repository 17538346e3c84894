/** Batch ingestion for one-shot commands: documents sent through the pipeline in parallel, tallied, with progress. */
package io.caravan.batch;
