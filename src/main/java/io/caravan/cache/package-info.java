/**
 * Answer caches: the exact cache (normalised question within a {@link io.caravan.cache.CacheScope}) served through
 * the {@code caffeine-cache} endpoint, and the optional semantic cache (a close question embedding in the same scope).
 */
package io.caravan.cache;
