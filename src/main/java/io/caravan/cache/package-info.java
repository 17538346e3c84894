/**
 * The answer cache: a repeated question (its normalised words within a {@link io.caravan.cache.CacheScope}) is
 * served from memory.
 */
package io.caravan.cache;
