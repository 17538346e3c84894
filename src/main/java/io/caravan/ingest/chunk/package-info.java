/**
 * Chunking: cutting parsed documents into pieces that fit the embedding model, along their structure.
 *
 * <p>{@link io.caravan.ingest.chunk.StructureAwareChunker} keeps sections apart, packs whole paragraphs, and
 * cuts an oversized paragraph at sentences, words and finally characters, so no chunk exceeds the model's
 * input (langchain4j's in-process encoders silently truncate longer input) and no text is lost.
 */
package io.caravan.ingest.chunk;
