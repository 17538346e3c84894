/** The language model Caravan talks to when one is configured ({@code caravan.llm.*}): settings and the factory. */
package io.caravan.llm;
