/** The {@link io.caravan.index.HybridIndex} contract, its records and the fusion shared by every engine. */
package io.caravan.index;
