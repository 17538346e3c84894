/** Turning retrieved passages into an answer with checked, numbered citations. */
package io.caravan.answer;
