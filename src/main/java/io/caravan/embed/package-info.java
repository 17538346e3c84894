/** Embedding models that run in-process and the token arithmetic that keeps chunks inside their input limit. */
package io.caravan.embed;
