/** Finding the passages for a question: hybrid search over the index. */
package io.caravan.retrieve;
