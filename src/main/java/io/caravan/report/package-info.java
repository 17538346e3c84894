/**
 * Self-contained HTML reports of what {@code eval} and {@code bench} print: the figures as typed records, tables
 * that read without JavaScript, and charts drawn by the inlined Chart.js (docs/benchmarks.md#reports).
 */
package io.caravan.report;
