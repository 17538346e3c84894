/**
 * Measuring Caravan against its own parts: ingestion next to the bare embedding model, questions next to the bare
 * index query, over a generated corpus or a BEIR one, with latency percentiles, CPU time by thread group and the
 * bench report; and the index alone as it grows, with synthetic chunks.
 */
package io.caravan.bench;
