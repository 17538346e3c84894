/**
 * The OpenAI-compatible channel (docs/openai-compatible.md): {@code POST /v1/chat/completions} and
 * {@code GET /v1/models}, a thin adapter that reads OpenAI's chat request into a {@link io.caravan.answer.Question}
 * for {@code direct:ask} and writes the {@link io.caravan.answer.Answer} as a chat completion, its chunks or an
 * OpenAI-shaped error, citations kept.
 */
package io.caravan.channel.openai;
