package io.caravan.config;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.model.chat.ChatModel;
import io.caravan.answer.ExtractiveAnswerGenerator;
import io.caravan.cache.AnswerCache;
import io.caravan.cache.SemanticAnswerCache;
import io.caravan.channel.CallerKeys;
import io.caravan.conversation.ConversationMemory;
import io.caravan.conversation.QuestionCondenser;
import io.caravan.llm.ChatModelFactory;
import io.caravan.llm.LlmSettings;
import io.caravan.retrieve.MultiQueryRetriever;
import io.caravan.retrieve.QueryVariants;
import io.caravan.throttle.CallerRateLimiter;
import io.caravan.throttle.LlmPermits;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import io.caravan.answer.CitationChecker;
import io.caravan.answer.LlmFallback;
import io.caravan.answer.PromptBuilder;
import io.caravan.answer.ScoreFloor;
import io.caravan.answer.StreamingAnswerer;
import io.caravan.channel.Callers;
import io.caravan.channel.DocumentsApi;
import io.caravan.channel.ErrorReplies;
import io.caravan.channel.HealthReporter;
import io.caravan.channel.HttpRequestGuard;
import io.caravan.channel.QuestionReader;
import io.caravan.channel.SearchQueries;
import io.caravan.channel.ServerSentEventStreams;
import io.caravan.channel.jms.EmbeddedJmsBroker;
import io.caravan.channel.jms.JmsBrokerCheck;
import io.caravan.channel.mail.AllowedSenders;
import io.caravan.channel.mail.MailQuestions;
import io.caravan.channel.mail.MailReplies;
import io.caravan.channel.mail.MailServers;
import io.caravan.channel.jms.JmsQuestions;
import io.caravan.embed.EmbeddingModelSpec;
import io.caravan.embed.EmbeddingModels;
import io.caravan.embed.HuggingFaceTokenCounter;
import io.caravan.embed.TokenCounter;
import io.caravan.index.HitFusion;
import io.caravan.index.HybridIndex;
import io.caravan.index.SearchMode;
import io.caravan.index.lucene.LuceneHybridIndex;
import io.caravan.index.lucene.LuceneIndexOptions;
import io.caravan.ingest.ChunkAssembler;
import io.caravan.ingest.ChunkEmbedder;
import io.caravan.ingest.DocumentLedger;
import io.caravan.ingest.FileShareReconciler;
import io.caravan.ingest.FileSourceReader;
import io.caravan.ingest.IngestValues;
import io.caravan.ingest.Quarantine;
import io.caravan.ingest.chunk.StructureAwareChunker;
import io.caravan.ingest.mail.MailboxReader;
import io.caravan.ingest.s3.S3BucketReconciler;
import io.caravan.ingest.s3.S3Clients;
import io.caravan.ingest.s3.S3ObjectReader;
import io.caravan.ingest.parse.TikaDocumentParser;
import io.caravan.llm.ChatModelFactory;
import io.caravan.llm.LlmCircuitBreaker;
import io.caravan.llm.LlmErrorLogger;
import io.caravan.llm.LlmSettings;
import io.caravan.llm.TokenUsageMeter;
import io.caravan.rerank.Rerankers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.caravan.retrieve.HybridRetriever;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelConfiguration;
import software.amazon.awssdk.services.s3.S3Client;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.Locale;

/**
 * Binds every Caravan bean into the Camel registry under the name the routes use, built from the
 * {@code caravan.*} keys. The one place where the object graph is wired.
 */
public class CaravanConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(CaravanConfiguration.class);
    /** The name camel-micrometer looks the registry up by, so Camel's metrics and Caravan's share one. */
    static final String METRICS_REGISTRY = "metricsRegistry";

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context.getPropertiesComponent());
        Registry registry = context.getRegistry();
        Path dataDir = settings.path("caravan.data-dir");
        Path share = settings.path("caravan.sources.file.path");
        long maxFileSize = settings.bytes("caravan.ingest.max-file-size");

        EmbeddingModelSpec embedding = EmbeddingModels.load(settings.string("caravan.embedding.model"));
        TokenCounter tokens = new HuggingFaceTokenCounter(embedding.tokenizerResource());
        DocumentLedger ledger = new DocumentLedger(dataDir);
        HybridIndex index = openIndex(settings, dataDir, embedding, context);
        context.addService(new CloseOnStop(index, ledger), true, true);

        registry.bind("embeddingModelSpec", embedding);
        registry.bind("embeddingModel", embedding.model());
        registry.bind("tokenCounter", tokens);
        registry.bind("documentLedger", ledger);
        registry.bind("hybridIndex", index);
        registry.bind("caravanObjectMapper", Json.newMapper());
        context.getManagementStrategy().addEventNotifier(new StageTimings());

        // ingestion
        registry.bind("fileSourceReader", new FileSourceReader(maxFileSize, settings.list("caravan.sources.file.acl")));
        registry.bind("fileSourceSeen", MemoryIdempotentRepository.memoryIdempotentRepository(
                settings.integer("caravan.sources.file.max-tracked-files")));
        registry.bind("fileShareReconciler", new FileShareReconciler(share,
                settings.bool("caravan.sources.file.mirror"), index, ledger));
        registry.bind("documentParser", new TikaDocumentParser(maxFileSize,
                settings.duration("caravan.ingest.parse-timeout"), settings.integer("caravan.ingest.max-characters"),
                settings.integer("caravan.ingest.max-embedded-depth")));
        registry.bind("documentChunker", new StructureAwareChunker(tokens,
                settings.integer("caravan.chunking.max-tokens"), settings.integer("caravan.chunking.overlap-tokens")));
        registry.bind("chunkAssembler", new ChunkAssembler(embedding.name()));
        registry.bind("ingestValues", new IngestValues());
        registry.bind("chunkEmbedder", new ChunkEmbedder(embedding.model(), context.getExecutorServiceManager()
                .newFixedThreadPool(this, "caravan-embed", settings.integer("caravan.embedding.threads"))));
        registry.bind("quarantine", new Quarantine(ledger));

        // answering
        registry.bind("hybridRetriever", new HybridRetriever(index,
                SearchMode.valueOf(settings.string("caravan.retrieval.mode").toUpperCase(Locale.ROOT)),
                settings.integer("caravan.retrieval.candidates"), settings.integer("caravan.retrieval.top-k")));
        // reranking (caravan.rerank.*): a reranker's model is loaded only when caravan.rerank.model names it
        registry.bind("reranker", Rerankers.create(settings.string("caravan.rerank.model"), settings, embedding));
        ExtractiveAnswerGenerator extractive = new ExtractiveAnswerGenerator(
                settings.integer("caravan.answer.extractive.max-sentences"),
                settings.integer("caravan.answer.snippet-chars"));
        registry.bind("answerGenerator", extractive);
        bindGeneration(context, settings, tokens, extractive);

        // channels
        registry.bind("callers", new Callers());
        registry.bind("questionReader", new QuestionReader(settings.integer("caravan.ask.max-question-chars"),
                settings.integer("caravan.ask.max-top-k")));
        registry.bind("searchQueries", new SearchQueries(settings.integer("caravan.ask.max-top-k")));
        registry.bind("httpRequestGuard", new HttpRequestGuard(settings.bytes("caravan.http.max-json-bytes")));
        ErrorReplies errorReplies = new ErrorReplies();
        registry.bind("errorReplies", errorReplies);
        registry.bind("serverSentEventStreams", new ServerSentEventStreams(
                registry.lookupByNameAndType("caravanObjectMapper", ObjectMapper.class), errorReplies));
        registry.bind("documentsApi", new DocumentsApi(ledger, index, share, maxFileSize));
        bindCacheThrottleConversations(context, settings, index, embedding);
        bindJmsChannel(context, settings, dataDir);
        registry.bind("healthReporter", new HealthReporter(index, ledger,
                () -> context.getStatus() == ServiceStatus.Started, serverChecks(context, settings)));
        bindS3Source(context, settings, index, ledger, maxFileSize);
        bindMail(context, settings);
        LOG.warn("authentication is off: every caller is in group 'public' (API keys come with a later release)");
    }

    // ---- answer cache, throttling, conversations, query variants (issue 5) ----------------------------------------

    /**
     * The answer cache (the Caffeine cache the {@code caffeine-cache:caravanAnswers} endpoint finds by name, bounded
     * and expiring) and its semantic companion, the per-caller rate limiter, the LLM permits, the conversation memory
     * with its condenser, and the multi-query retriever {@code ask} uses.
     */
    private static void bindCacheThrottleConversations(CamelContext context, Settings settings, HybridIndex index,
                                                       EmbeddingModelSpec embedding) {
        Registry registry = context.getRegistry();
        long maxEntries = settings.integer("caravan.cache.max-entries");
        Duration ttl = settings.duration("caravan.cache.ttl");
        registry.bind("caravanAnswers", Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl)
                .recordStats().<String, Object>build());
        registry.bind("answerCache", new AnswerCache(settings.bool("caravan.cache.enabled"), index::generation,
                registry.lookupByNameAndType(METRICS_REGISTRY, MeterRegistry.class)));
        registry.bind("semanticAnswerCache", new SemanticAnswerCache(
                settings.bool("caravan.cache.enabled") && settings.bool("caravan.cache.semantic.enabled"),
                settings.decimal("caravan.cache.semantic.threshold"), maxEntries, ttl));
        registry.bind("callerKeys", new CallerKeys());
        registry.bind("callerRateLimiter", new CallerRateLimiter(settings.integer("caravan.ask.rate-limit-per-minute")));

        LlmSettings llm = LlmSettings.from(settings);
        // the generation's model (bindGeneration, so tokens are counted too); each bean falls back when it fails
        Optional<ChatModel> chatModel = Optional.ofNullable(registry.lookupByNameAndType("chatModel", ChatModel.class));
        LlmPermits permits = new LlmPermits(llm.configured(), settings.integer("caravan.llm.max-concurrent"),
                settings.duration("caravan.llm.queue-timeout"));
        registry.bind("llmPermits", permits);
        registry.bind("conversationMemory", new ConversationMemory(settings.integer("caravan.conversation.max-turns"),
                settings.duration("caravan.conversation.ttl"), settings.integer("caravan.conversation.max-sessions")));
        registry.bind("questionCondenser", new QuestionCondenser(chatModel, permits));
        QueryVariants variants = new QueryVariants(chatModel, permits,
                settings.bool("caravan.retrieval.rewrite.enabled"), settings.integer("caravan.retrieval.multi-query.count"));
        registry.bind("multiQueryRetriever", new MultiQueryRetriever(
                registry.lookupByNameAndType("hybridRetriever", HybridRetriever.class), variants, embedding,
                settings.integer("caravan.retrieval.rrf-k")));
    }

    // ---- LLM generation (issue 5) -----------------------------------------------------------------------------

    /**
     * The score floor, prompt builder, citation checker and fallback of the answer pipeline; with an LLM configured,
     * also the chat models (built without connecting) and the circuit breaker's settings. Token usage and fallbacks
     * are counted in the Prometheus registry Camel's metrics serve.
     */
    private static void bindGeneration(CamelContext context, Settings settings, TokenCounter tokens,
                                       ExtractiveAnswerGenerator extractive) {
        Registry registry = context.getRegistry();
        MeterRegistry meters = registry.lookupByNameAndType(METRICS_REGISTRY, MeterRegistry.class);
        if (meters == null) {
            meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registry.bind(METRICS_REGISTRY, meters);
        }
        int snippetChars = settings.integer("caravan.answer.snippet-chars");
        registry.bind("scoreFloor", new ScoreFloor(settings.decimal("caravan.answer.min-score")));
        registry.bind("promptBuilder", new PromptBuilder(tokens, settings.integer("caravan.llm.context-tokens")));
        CitationChecker checker = new CitationChecker(snippetChars);
        registry.bind("citationChecker", checker);
        registry.bind("llmFallback", new LlmFallback(extractive, meters));
        LlmSettings llm = LlmSettings.from(settings);
        List<ChatModelListener> listeners = List.of(new TokenUsageMeter(meters, llm), new LlmErrorLogger());
        ChatModelFactory.create(llm, listeners).ifPresent(model -> registry.bind("chatModel", model));
        ChatModelFactory.createStreaming(llm, listeners).ifPresent(model -> registry.bind("streamingAnswerer",
                new StreamingAnswerer(model, checker, llm.timeout())));
        registry.bind(LlmCircuitBreaker.BEAN, LlmCircuitBreaker.configuration(settings));
        LOG.info("answers: {}", llm.configured() ? "LLM " + llm : "extractive (caravan.llm.provider=none)");
    }

    // ---- JMS channel (issue 6) -------------------------------------------------------------------------------

    /**
     * The JMS connection factory the {@code jms} component uses, the question reader of {@code channel-jms}, and,
     * when JMS is on and embedded, the Artemis broker (a context service: up before the routes, down after them).
     */
    private static void bindJmsChannel(CamelContext context, Settings settings, Path dataDir) throws Exception {
        Registry registry = context.getRegistry();
        String brokerUrl = settings.string("caravan.jms.broker-url");
        String questions = settings.string("caravan.jms.questions-queue");
        String deadLetters = settings.string("caravan.jms.dead-letter-queue");
        registry.bind("jmsQuestions", new JmsQuestions(registry.lookupByNameAndType("questionReader",
                QuestionReader.class)));
        if (settings.bool("caravan.jms.enabled") && settings.bool("caravan.jms.embedded")) {
            EmbeddedJmsBroker broker = new EmbeddedJmsBroker(brokerUrl, dataDir.resolve("broker"), questions,
                    deadLetters, settings.integer("caravan.jms.max-delivery-attempts"));
            registry.bind("embeddedJmsBroker", broker);
            context.addService(broker, true, true);
        }
        ActiveMQConnectionFactory connections = new ActiveMQConnectionFactory(brokerUrl);
        String user = settings.optional("caravan.jms.username");
        if (user != null) {
            connections.setUser(user);
            connections.setPassword(settings.optional("caravan.jms.password"));
        }
        registry.bind("jmsConnectionFactory", connections);
    }

    /** Readiness checks of the servers enabled channels need: the JMS broker when JMS is on. */
    private static Map<String, BooleanSupplier> serverChecks(CamelContext context, Settings settings) {
        if (!settings.bool("caravan.jms.enabled")) {
            return Map.of();
        }
        EmbeddedJmsBroker embedded = context.getRegistry().lookupByNameAndType("embeddedJmsBroker",
                EmbeddedJmsBroker.class);
        // a factory of its own: a health probe must fail fast, not wait out the channel's reconnect settings
        ActiveMQConnectionFactory probe = new ActiveMQConnectionFactory(settings.string("caravan.jms.broker-url"));
        probe.setCallTimeout(2000);
        probe.setInitialConnectAttempts(1);
        probe.setUser(settings.optional("caravan.jms.username"));
        probe.setPassword(settings.optional("caravan.jms.password"));
        return Map.of("broker", new JmsBrokerCheck(embedded, probe));
    }

    // ---- S3 source (issue 6) ---------------------------------------------------------------------------------

    /** The S3 client, object reader and bucket reconciler of {@code source-s3} (the route starts only if enabled). */
    private static void bindS3Source(CamelContext context, Settings settings, HybridIndex index, DocumentLedger ledger,
                                     long maxFileSize) {
        Registry registry = context.getRegistry();
        String bucket = settings.string("caravan.sources.s3.bucket");
        // bound even when the source is off: the route's endpoint names it; building it connects to nothing
        S3Client s3 = S3Clients.create(settings.string("caravan.sources.s3.region"),
                settings.optional("caravan.sources.s3.endpoint"), settings.optional("caravan.sources.s3.access-key"),
                settings.optional("caravan.sources.s3.secret-key"));
        registry.bind("s3Client", s3);
        registry.bind("s3ObjectReader", new S3ObjectReader(bucket, maxFileSize,
                settings.list("caravan.sources.s3.acl"), ledger));
        registry.bind("s3BucketReconciler", new S3BucketReconciler(s3, bucket,
                settings.optional("caravan.sources.s3.prefix"), index, ledger));
    }

    // ---- E-mail channel and mailbox source (issue 6) ---------------------------------------------------------

    /**
     * The accounts, server properties and beans of {@code channel-mail} and {@code source-mail}; bound even when
     * both are off (building them connects to nothing), the routes are created only when enabled.
     */
    private static void bindMail(CamelContext context, Settings settings) {
        Registry registry = context.getRegistry();
        Duration timeout = settings.duration("caravan.mail.timeout");
        registry.bind("mailImapProperties", MailServers.imap(settings.bool("caravan.mail.imap.ssl"), timeout));
        registry.bind("mailSmtpProperties", MailServers.smtp(settings.bool("caravan.mail.smtp.ssl"),
                settings.bool("caravan.mail.smtp.starttls"), timeout));
        registry.bind("mailQuestionsAccount", MailServers.account(settings.optional("caravan.mail.username"),
                settings.optional("caravan.mail.password")));
        registry.bind("mailSmtpAccount", MailServers.account(settings.optional("caravan.mail.smtp.username"),
                settings.optional("caravan.mail.smtp.password")));
        registry.bind("mailSourceAccount", MailServers.account(settings.optional("caravan.sources.mail.username"),
                settings.optional("caravan.sources.mail.password")));
        if (settings.bool("caravan.mail.enabled")) {
            MailQuestions questions = new MailQuestions(registry.lookupByNameAndType("questionReader",
                    QuestionReader.class), new AllowedSenders(settings.list("caravan.mail.allowed-senders")),
                    Set.copyOf(settings.list("caravan.mail.groups")), settings.string("caravan.mail.from"));
            registry.bind("mailQuestions", questions);
            registry.bind("mailReplies", new MailReplies(questions, registry.lookupByNameAndType("errorReplies",
                    ErrorReplies.class), settings.string("caravan.mail.from")));
        }
        String sourceAccount = settings.optional("caravan.sources.mail.username");
        registry.bind("mailboxReader", new MailboxReader(sourceAccount == null ? "mailbox" : sourceAccount,
                settings.list("caravan.sources.mail.acl")));
    }

    private static HybridIndex openIndex(Settings settings, Path dataDir, EmbeddingModelSpec embedding,
                                         CamelContext context) {
        String store = settings.string("caravan.store");
        return switch (store) {
            case "lucene" -> new LuceneHybridIndex(dataDir.resolve("index"), embedding.name(),
                    embedding.dimensions(), luceneOptions(settings));
            case "elasticsearch" -> ElasticsearchStore.open(settings, embedding, context);
            default -> throw new IllegalStateException("caravan.store must be lucene or elasticsearch, was " + store);
        };
    }

    /** The hybrid fusion of caravan.retrieval.fusion (rrf or convex), the same for every engine. */
    static HitFusion fusion(Settings settings) {
        String fusionName = settings.string("caravan.retrieval.fusion").toLowerCase(Locale.ROOT);
        return switch (fusionName) {
            case "rrf" -> HitFusion.reciprocalRank(settings.integer("caravan.retrieval.rrf-k"));
            case "convex" -> HitFusion.convex(settings.decimal("caravan.retrieval.dense-weight"));
            default -> throw new IllegalStateException("caravan.retrieval.fusion must be rrf or convex, was "
                    + fusionName);
        };
    }

    /** The caravan.index.* and fusion keys as Lucene options. */
    static LuceneIndexOptions luceneOptions(Settings settings) {
        String analyzerName = settings.string("caravan.index.analyzer").toLowerCase(Locale.ROOT);
        Analyzer analyzer = switch (analyzerName) {
            case "standard" -> new StandardAnalyzer();
            case "english" -> new EnglishAnalyzer();
            default -> throw new IllegalStateException("caravan.index.analyzer must be standard or english, was "
                    + analyzerName);
        };
        HitFusion fusion = fusion(settings);
        return LuceneIndexOptions.defaults().withAnalyzer(analyzer)
                .withBm25((float) settings.decimal("caravan.index.bm25-k1"),
                        (float) settings.decimal("caravan.index.bm25-b"))
                .withTitleBoost((float) settings.decimal("caravan.index.title-boost"))
                .withCommitInterval(settings.duration("caravan.index.commit-interval"))
                .withFusion(fusion);
    }

    /** Closes the index and the ledger when the Camel context stops, after the routes. */
    private static final class CloseOnStop extends ServiceSupport {
        private final HybridIndex index;
        private final DocumentLedger ledger;

        CloseOnStop(HybridIndex index, DocumentLedger ledger) {
            this.index = index;
            this.ledger = ledger;
        }

        @Override
        protected void doStop() {
            index.close();
            ledger.close();
        }
    }
}
