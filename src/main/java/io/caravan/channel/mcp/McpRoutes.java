package io.caravan.channel.mcp;

import io.caravan.answer.Answer;
import io.caravan.answer.Question;
import io.caravan.index.Hit;

import java.util.List;

/**
 * The routes the MCP tools hand over to (routes/channel-mcp.camel.yaml): retrieval as {@code GET /api/search} does
 * it, and {@code direct:ask} with its throttling, cache, conversations and metrics. Implementations are thread safe.
 */
public interface McpRoutes {

    /** The ranked passages for {@code question} (its text, filters and topK), within the caller's groups. */
    List<Hit> search(Question question, McpCaller caller);

    /** The answer to {@code question}, asked by {@code caller}. */
    Answer ask(Question question, McpCaller caller);
}
