package io.caravan.trace;

import io.caravan.answer.Answer;
import io.caravan.answer.Question;
import io.caravan.ingest.ParsedDocument;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Route;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The attributes Caravan adds to spans: identifiers, counts and modes that say what a stage did, never the
 * question, a passage, a credential or who asked (docs/operations.md#traces). Values are text, as Camel's own tags.
 */
final class SpanAttributes {

    static final String STAGE = "caravan.stage";
    static final String ROUTE_ID = "camel.route.id";
    static final String REQUEST_ID = "caravan.request_id";
    static final String CHANNEL = "caravan.channel";
    static final String MODE = "caravan.mode";
    static final String CACHED = "caravan.cached";
    static final String DEGRADED = "caravan.degraded";
    static final String CITATIONS = "caravan.citations";
    static final String HITS = "caravan.hits";
    static final String CACHE_HIT = "caravan.cache_hit";
    static final String TURNS = "caravan.turns";
    static final String DOC_ID = "caravan.doc_id";
    static final String SOURCE = "caravan.source";
    static final String OUTCOME = "caravan.outcome";
    static final String BLOCKS = "caravan.blocks";
    static final String CHUNKS = "caravan.chunks";
    static final String MIME_TYPE = "caravan.mime_type";

    // the endpoints whose spans are a whole question and a whole document
    private static final String ASK = "direct://ask";
    private static final String INGEST = "direct://ingest";

    private SpanAttributes() {
    }

    /** What a finished stage ({@code step} id) did: hits kept, chunks made, the answer's mode. */
    static Map<String, String> ofStage(String stage, Exchange exchange) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(STAGE, stage);
        Route route = exchange.getUnitOfWork() == null ? null : exchange.getUnitOfWork().getRoute();
        if (route != null) {
            tags.put(ROUTE_ID, route.getRouteId());
        }
        Object body = exchange.getMessage().getBody();
        switch (stage) {
            case "recall" -> size(exchange.getVariable("history")).ifPresent(n -> tags.put(TURNS, n));
            case "cache-lookup" -> tags.put(CACHE_HIT, Boolean.toString(exchange.getVariable("cachedAnswer") != null));
            case "retrieve", "rerank" -> size(body).ifPresent(n -> tags.put(HITS, n));
            case "generate" -> answer(body, tags);
            case "parse" -> {
                if (body instanceof ParsedDocument parsed) {
                    tags.put(BLOCKS, Integer.toString(parsed.blocks().size()));
                    tags.put(MIME_TYPE, String.valueOf(parsed.mimeType()));
                }
            }
            case "chunk", "embed" -> size(body).ifPresent(n -> tags.put(CHUNKS, n));
            case "index" -> {
                Object count = exchange.getVariable("chunkCount");
                if (count != null) {
                    tags.put(CHUNKS, count.toString());
                }
            }
            default -> {
                // other steps: their name and route say enough
            }
        }
        return tags;
    }

    /** What a question ({@code direct:ask}) or a document ({@code direct:ingest}) came to, for its span's end. */
    static Map<String, String> ofEndpoint(Endpoint endpoint, Exchange exchange) {
        Map<String, String> tags = new LinkedHashMap<>();
        String uri = endpoint.getEndpointBaseUri();
        if (ASK.equals(uri)) {
            if (exchange.getVariable("question") instanceof Question question) {
                tags.put(REQUEST_ID, question.requestId());
                tags.put(CHANNEL, String.valueOf(question.channel()));
            }
            answer(exchange.getMessage().getBody(), tags);
        } else if (INGEST.equals(uri)) {
            putIfSet(tags, DOC_ID, exchange.getProperty("CaravanDocId"));
            putIfSet(tags, SOURCE, exchange.getProperty("CaravanSource"));
            putIfSet(tags, OUTCOME, exchange.getProperty("CaravanOutcome"));
            putIfSet(tags, CHUNKS, exchange.getVariable("chunkCount"));
        }
        return tags;
    }

    /** An HTTP URL without its query: a search's {@code q} is a question. */
    static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static void answer(Object body, Map<String, String> tags) {
        if (body instanceof Answer answer) {
            tags.put(MODE, answer.mode());
            tags.put(CACHED, Boolean.toString(answer.cached()));
            tags.put(DEGRADED, Boolean.toString(answer.degraded()));
            tags.put(CITATIONS, Integer.toString(answer.citations().size()));
        }
    }

    private static java.util.Optional<String> size(Object value) {
        return value instanceof Collection<?> collection
                ? java.util.Optional.of(Integer.toString(collection.size())) : java.util.Optional.empty();
    }

    private static void putIfSet(Map<String, String> tags, String key, Object value) {
        if (value != null) {
            tags.put(key, value.toString());
        }
    }
}
