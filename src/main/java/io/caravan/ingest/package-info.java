/** Turning source items into chunks: parsing, chunking, the document ledger and the quarantine. */
package io.caravan.ingest;
