/** Wiring: configuration keys to beans in the Camel registry, and the shared JSON settings. */
package io.caravan.config;
