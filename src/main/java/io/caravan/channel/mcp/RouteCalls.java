package io.caravan.channel.mcp;

import io.caravan.answer.Answer;
import io.caravan.answer.Question;
import io.caravan.index.Hit;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

import java.util.List;

/**
 * {@link McpRoutes} through Camel: each call is an exchange to {@code direct:mcp-search} or {@code direct:mcp-ask}
 * carrying the caller as the HTTP channel's routes do (exchange properties {@code CaravanIdentity},
 * {@code CaravanGroups}, {@code CaravanPrincipal}, {@code CaravanCaller}, {@code CaravanRequestId}), run on the
 * calling thread. A failure of the route is thrown as it happened. Thread safe.
 */
public class RouteCalls implements McpRoutes {

    static final String SEARCH = "direct:mcp-search";
    static final String ASK = "direct:mcp-ask";

    private final ProducerTemplate producer;

    public RouteCalls(ProducerTemplate producer) {
        this.producer = producer;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Hit> search(Question question, McpCaller caller) {
        return (List<Hit>) call(SEARCH, question, caller).getMessage().getBody(List.class);
    }

    @Override
    public Answer ask(Question question, McpCaller caller) {
        return call(ASK, question, caller).getMessage().getBody(Answer.class);
    }

    private Exchange call(String uri, Question question, McpCaller caller) {
        Exchange done = producer.send(uri, exchange -> {
            exchange.setProperty("CaravanRequestId", caller.requestId());
            exchange.setProperty("CaravanIdentity", caller.identity());
            exchange.setProperty("CaravanGroups", caller.identity().searchGroups());
            exchange.setProperty("CaravanPrincipal", caller.identity().principal());
            exchange.setProperty("CaravanCaller", caller.callerKey());
            exchange.getIn().setBody(question);
        });
        Exception failure = done.getException();
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure != null) {
            throw new IllegalStateException(failure.getMessage(), failure);
        }
        return done;
    }
}
