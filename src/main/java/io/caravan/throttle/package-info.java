/** Throttling: a request rate per caller (429 with Retry-After) and a cap on concurrent language model calls (503). */
package io.caravan.throttle;
