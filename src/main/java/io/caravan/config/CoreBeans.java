package io.caravan.config;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.embed.EmbeddingModelSpec;
import io.caravan.embed.EmbeddingModels;
import io.caravan.embed.HuggingFaceTokenCounter;
import io.caravan.embed.TokenCounter;
import io.caravan.index.HybridIndex;
import io.caravan.index.lucene.LuceneHybridIndex;
import io.caravan.index.elasticsearch.StateIndex;
import io.caravan.index.lucene.LuceneIndexReplacement;
import io.caravan.ingest.DocumentLedger;
import io.caravan.ingest.MvStoreDocumentLedger;
import io.caravan.ingest.StoreGauges;
import io.caravan.ingest.elasticsearch.ElasticsearchDocumentLedger;
import io.caravan.json.Json;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * What every area shares: the embedding model and its tokenizer, the document ledger, the index and the metrics
 * registry. Opened once, bound under the names the routes use, closed when the Camel context stops.
 *
 * @param embedding the in-process embedding model
 * @param tokens    its tokenizer's counter
 * @param ledger    every document's status, kept beside the index of {@code caravan.store}
 * @param index     the hybrid index of {@code caravan.store}
 * @param elasticsearch the client of {@code caravan.store=elasticsearch}, for the other state the instances on its
 *                  alias share (conversations); empty on Lucene
 * @param meters    the registry Camel's metrics and Caravan's share ({@code /metrics})
 * @param json      the JSON mapper of every reply
 */
record CoreBeans(EmbeddingModelSpec embedding, TokenCounter tokens, DocumentLedger ledger, HybridIndex index,
                 Optional<ElasticsearchClient> elasticsearch, MeterRegistry meters, ObjectMapper json) {

    /** The name camel-micrometer looks the registry up by, so Camel's metrics and Caravan's share one. */
    static final String METRICS_REGISTRY = "metricsRegistry";

    static CoreBeans bind(CamelContext context, CaravanSettings settings) throws Exception {
        Registry registry = context.getRegistry();
        EmbeddingModelSpec embedding = EmbeddingModels.load(settings.ingest().embeddingModel());
        TokenCounter tokens = new HuggingFaceTokenCounter(embedding.tokenizerResource());
        StoreSettings store = settings.store();
        // first: nothing in the data directory is opened while another Caravan holds it
        DataDirectoryLock lock = DataDirectoryLock.acquire(store.dataDir(), store.kind());
        OpenedStore opened;
        try {
            opened = openStore(store, embedding, context);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        DocumentLedger ledger = opened.ledger();
        HybridIndex index = opened.index();
        Optional<ElasticsearchClient> elasticsearch = opened.elasticsearch();
        context.addService(new CloseOnStop(index, ledger, lock), true, true);
        MeterRegistry meters = registry.lookupByNameAndType(METRICS_REGISTRY, MeterRegistry.class);
        if (meters == null) {
            meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registry.bind(METRICS_REGISTRY, meters);
        }
        // read at most every 10 s, whatever the scrape interval (docs/operations.md#metrics)
        StoreGauges.register(meters, index, ledger, Duration.ofSeconds(10), Clock.systemUTC());
        registry.bind("embeddingModelSpec", embedding);
        registry.bind("embeddingModel", embedding.model());
        registry.bind("tokenCounter", tokens);
        registry.bind("documentLedger", ledger);
        registry.bind("hybridIndex", index);
        ObjectMapper json = Json.newMapper();
        registry.bind("caravanObjectMapper", json);
        context.getManagementStrategy().addEventNotifier(new StageTimings(meters));
        return new CoreBeans(embedding, tokens, ledger, index, elasticsearch, meters, json);
    }

    /** The index and the ledger that describes it, and the Elasticsearch client when the store is there. */
    private record OpenedStore(DocumentLedger ledger, HybridIndex index, Optional<ElasticsearchClient> elasticsearch) {
    }

    // the ledger lives beside the index it describes (docs/architecture.md#index-engines)
    private static OpenedStore openStore(StoreSettings store, EmbeddingModelSpec embedding, CamelContext context) {
        return switch (store.kind()) {
            case "lucene" -> {
                DocumentLedger ledger = new MvStoreDocumentLedger(store.dataDir());
                try {
                    yield new OpenedStore(ledger, new LuceneHybridIndex(
                            store.dataDir().resolve(LuceneIndexReplacement.INDEX_DIRECTORY), embedding.name(),
                            embedding.dimensions(), store.luceneOptions()), Optional.empty());
                } catch (RuntimeException e) {
                    // the index did not open: the ledger's file must not stay locked by a Caravan that never starts
                    ledger.close();
                    throw e;
                }
            }
            case "elasticsearch" -> {
                ElasticsearchStore opened = ElasticsearchStore.open(store, embedding, context);
                yield new OpenedStore(new ElasticsearchDocumentLedger(opened.client(),
                        StateIndex.ledgerAlias(store.elasticsearchIndex())), opened.index(),
                        Optional.of(opened.client()));
            }
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
