/**
 * The language model Caravan talks to when one is configured ({@code caravan.llm.*}): settings, the chat model
 * factory, the circuit breaker's settings, and the listeners that count tokens and log failures.
 */
package io.caravan.llm;
