package io.caravan.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.embed.EmbeddingModelSpec;
import io.caravan.embed.EmbeddingModels;
import io.caravan.embed.HuggingFaceTokenCounter;
import io.caravan.embed.TokenCounter;
import io.caravan.index.HybridIndex;
import io.caravan.index.lucene.LuceneHybridIndex;
import io.caravan.index.lucene.LuceneIndexReplacement;
import io.caravan.ingest.DocumentLedger;
import io.caravan.json.Json;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;

/**
 * What every area shares: the embedding model and its tokenizer, the document ledger, the index and the metrics
 * registry. Opened once, bound under the names the routes use, closed when the Camel context stops.
 *
 * @param embedding the in-process embedding model
 * @param tokens    its tokenizer's counter
 * @param ledger    every document's status
 * @param index     the hybrid index of {@code caravan.store}
 * @param meters    the registry Camel's metrics and Caravan's share ({@code /metrics})
 * @param json      the JSON mapper of every reply
 */
record CoreBeans(EmbeddingModelSpec embedding, TokenCounter tokens, DocumentLedger ledger, HybridIndex index,
                 MeterRegistry meters, ObjectMapper json) {

    /** The name camel-micrometer looks the registry up by, so Camel's metrics and Caravan's share one. */
    static final String METRICS_REGISTRY = "metricsRegistry";

    static CoreBeans bind(CamelContext context, CaravanSettings settings) throws Exception {
        Registry registry = context.getRegistry();
        EmbeddingModelSpec embedding = EmbeddingModels.load(settings.ingest().embeddingModel());
        TokenCounter tokens = new HuggingFaceTokenCounter(embedding.tokenizerResource());
        // first: nothing in the data directory is opened while another Caravan holds it
        DataDirectoryLock lock = DataDirectoryLock.acquire(settings.store().dataDir(), settings.store().kind());
        DocumentLedger ledger;
        HybridIndex index;
        try {
            ledger = new DocumentLedger(settings.store().dataDir());
            index = openIndex(settings.store(), embedding, context);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        context.addService(new CloseOnStop(index, ledger, lock), true, true);
        MeterRegistry meters = registry.lookupByNameAndType(METRICS_REGISTRY, MeterRegistry.class);
        if (meters == null) {
            meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registry.bind(METRICS_REGISTRY, meters);
        }
        registry.bind("embeddingModelSpec", embedding);
        registry.bind("embeddingModel", embedding.model());
        registry.bind("tokenCounter", tokens);
        registry.bind("documentLedger", ledger);
        registry.bind("hybridIndex", index);
        ObjectMapper json = Json.newMapper();
        registry.bind("caravanObjectMapper", json);
        context.getManagementStrategy().addEventNotifier(new StageTimings());
        return new CoreBeans(embedding, tokens, ledger, index, meters, json);
    }

    private static HybridIndex openIndex(StoreSettings store, EmbeddingModelSpec embedding, CamelContext context) {
        return switch (store.kind()) {
            case "lucene" -> new LuceneHybridIndex(store.dataDir().resolve(LuceneIndexReplacement.INDEX_DIRECTORY),
                    embedding.name(), embedding.dimensions(), store.luceneOptions());
            case "elasticsearch" -> ElasticsearchStore.open(store, embedding, context);
            default -> throw new IllegalStateException("caravan.store must be lucene or elasticsearch, was "
                    + store.kind());
        };
    }

    /** Closes the index and the ledger when the Camel context stops, after the routes, then frees the directory. */
    private static final class CloseOnStop extends ServiceSupport {
        private final HybridIndex index;
        private final DocumentLedger ledger;
        private final DataDirectoryLock lock;

        CloseOnStop(HybridIndex index, DocumentLedger ledger, DataDirectoryLock lock) {
            this.index = index;
            this.ledger = ledger;
            this.lock = lock;
        }

        @Override
        protected void doStop() {
            try {
                index.close();
                ledger.close();
            } finally {
                lock.close();
            }
        }
    }
}
