/** Measuring Caravan against its own parts: BEIR data sets, latency percentiles and the bench report. */
package io.caravan.bench;
