/**
 * Conversations: the bounded, expiring window of earlier turns a {@code sessionId} keeps, bound to its caller, and
 * the condensing of a follow-up into a standalone question before retrieval.
 */
package io.caravan.conversation;
