package io.caravan.config;

import io.caravan.channel.CallerKeys;
import io.caravan.channel.DocumentContents;
import io.caravan.channel.DocumentsApi;
import io.caravan.channel.ShareDocumentFiles;
import io.caravan.channel.ErrorReplies;
import io.caravan.channel.HealthReporter;
import io.caravan.channel.HttpRequestGuard;
import io.caravan.channel.QuestionMetrics;
import io.caravan.channel.QuestionReader;
import io.caravan.channel.openai.ChatCompletionStreams;
import io.caravan.channel.openai.ChatCompletions;
import io.caravan.channel.openai.ChatRequestReader;
import io.caravan.channel.openai.OpenAiErrors;
import io.caravan.channel.openai.OpenAiModels;
import io.caravan.channel.SearchQueries;
import io.caravan.channel.ServerSentEventStreams;
import io.caravan.channel.jms.EmbeddedJmsBroker;
import io.caravan.channel.jms.JmsBrokerCheck;
import io.caravan.channel.jms.JmsCallers;
import io.caravan.channel.jms.JmsQuestions;
import io.caravan.channel.jms.KeyFileSecurityManager;
import io.caravan.channel.mail.AllowedSenders;
import io.caravan.channel.mail.MailQuestions;
import io.caravan.channel.mail.MailReplies;
import io.caravan.channel.mail.MailServers;
import io.caravan.channel.mail.SenderGroups;
import io.caravan.channel.web.WebAssets;
import io.caravan.ingest.UploadAcls;
import io.caravan.ingest.parse.OcrOptions;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.Registry;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The beans of the channels ({@code channel-http}, {@code channel-jms}, {@code channel-mail},
 * {@code channel-openai}): who is calling, how
 * questions are read and errors replied, the JMS connection (and the embedded broker), the mail servers, and health.
 */
final class ChannelBeans {

    private ChannelBeans() {
    }

    static void bind(CamelContext context, CaravanSettings settings, CoreBeans core, AuthBeans.Auth auth)
            throws Exception {
        Registry registry = context.getRegistry();
        AskSettings ask = settings.ask();
        registry.bind("callerKeys", new CallerKeys());
        QuestionReader questions = new QuestionReader(ask.maxQuestionChars(), ask.maxTopK());
        registry.bind("questionReader", questions);
        ErrorReplies errorReplies = new ErrorReplies();
        registry.bind("errorReplies", errorReplies);
        registry.bind("questionMetrics", new QuestionMetrics(core.meters(), errorReplies));
        describeRestApi(context);

        // HTTP
        registry.bind("searchQueries", new SearchQueries(ask.maxTopK()));
        registry.bind("httpRequestGuard", new HttpRequestGuard(settings.http().maxJsonBytes()));
        registry.bind("serverSentEventStreams", new ServerSentEventStreams(core.json(), errorReplies));
        DocumentsApi documents = new DocumentsApi(core.ledger(), core.index(), settings.sources().file().path(),
                settings.ingest().maxFileSize(), registry.lookupByNameAndType("uploadAcls", UploadAcls.class),
                auth.audit());
        registry.bind("documentsApi", documents);
        registry.bind("webAssets", new WebAssets());
        registry.bind("documentContents", new DocumentContents(documents,
                new ShareDocumentFiles(settings.sources().file().path()),
                registry.lookupByNameAndType("s3Client", S3Client.class), settings.sources().s3().bucket(),
                settings.ingest().maxFileSize()));
        // MCP (channel-mcp): the SDK's stateless server in front of the same search, answers and documents
        McpBeans.bind(context, settings.mcp(), core.index(), documents, questions, errorReplies, ask.maxTopK());

        Map<String, BooleanSupplier> serverChecks = bindJms(context, settings.jms(), settings.store(), questions,
                auth);
        @SuppressWarnings("unchecked")
        java.util.function.Supplier<String> sources = registry.lookupByNameAndType(ClusterBeans.SOURCES_ROLE,
                java.util.function.Supplier.class);
        registry.bind("healthReporter", new HealthReporter(core.index(), core.ledger(),
                () -> context.getStatus() == ServiceStatus.Started, serverChecks, sources,
                registry.lookupByNameAndType("ocrOptions", OcrOptions.class).state()));
        bindMail(registry, settings.mail(), settings.sources().mailbox(), questions, errorReplies);
        bindOpenAi(registry, settings, core, questions, errorReplies);
    }

    /** The beans of {@code channel-openai}: models, request reader, completion and chunk writers, error mapping. */
    private static void bindOpenAi(Registry registry, CaravanSettings settings, CoreBeans core,
                                   QuestionReader questions, ErrorReplies errorReplies) {
        java.time.Clock clock = java.time.Clock.systemUTC();
        OpenAiModels models = new OpenAiModels(settings.answer().llm().configured(), clock.instant().getEpochSecond());
        registry.bind("openAiModels", models);
        registry.bind("openAiChatRequests", new ChatRequestReader(models, questions,
                settings.ask().conversationMaxTurns()));
        ChatCompletions completions = new ChatCompletions(settings.openai().sourcesFooter(), clock);
        registry.bind("openAiCompletions", completions);
        OpenAiErrors openAiErrors = new OpenAiErrors(errorReplies);
        registry.bind("openAiErrors", openAiErrors);
        registry.bind("openAiStreams", new ChatCompletionStreams(core.json(), completions, openAiErrors));
    }

    /**
     * The OpenAPI description of the rest endpoints at {@code /api/openapi.json}, made by camel-openapi-java from the
     * REST DSL (docs/http-api.md#openapi); only when the HTTP server runs: the one-shot commands have none, and the
     * description's route would fail their start looking for it.
     */
    private static void describeRestApi(CamelContext context) {
        boolean server = context.getPropertiesComponent().resolveProperty("camel.server.enabled")
                .map(v -> !v.strip().equalsIgnoreCase("false")).orElse(false);
        if (server) {
            org.apache.camel.spi.RestConfiguration rest = context.getRestConfiguration();
            rest.setApiContextPath("/api/openapi.json");
            rest.setApiContextRouteId("http-openapi");
            rest.setApiProperties(new java.util.HashMap<>(Map.of("api.title", "Caravan HTTP API",
                    "api.version", "1")));
        }
    }

    /**
     * The JMS connection factory the {@code jms} component uses, the question reader of {@code channel-jms}, and,
     * when JMS is on and embedded, the Artemis broker (a context service: up before the routes, down after them).
     *
     * @return the readiness checks of the broker when JMS is on
     */
    private static Map<String, BooleanSupplier> bindJms(CamelContext context, JmsSettings jms, StoreSettings store,
                                                        QuestionReader questions, AuthBeans.Auth auth)
            throws Exception {
        Registry registry = context.getRegistry();
        registry.bind("jmsQuestions", new JmsQuestions(questions));
        registry.bind("jmsCallers", new JmsCallers(auth.authenticator(), auth.audit()));
        EmbeddedJmsBroker broker = null;
        String user = jms.username();
        String password = jms.password();
        if (jms.enabled() && jms.embedded()) {
            KeyFileSecurityManager security = null;
            if (auth.authenticator().isOn()) {
                // Caravan's own login to its own broker: made now, known to no one else
                user = KeyFileSecurityManager.INTERNAL_USER;
                password = java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID();
                security = new KeyFileSecurityManager(auth.authenticator().keys(), password, jms.questionsQueue(),
                        Set.of(jms.deadLetterQueue(), "DLQ", "ExpiryQueue"));
            }
            broker = new EmbeddedJmsBroker(jms.brokerUrl(), store.dataDir().resolve("broker"), jms.questionsQueue(),
                    jms.deadLetterQueue(), jms.maxDeliveryAttempts(), security);
            registry.bind("embeddedJmsBroker", broker);
            context.addService(broker, true, true);
        }
        ActiveMQConnectionFactory connections = new ActiveMQConnectionFactory(jms.brokerUrl());
        if (user != null) {
            connections.setUser(user);
            connections.setPassword(password);
        }
        registry.bind("jmsConnectionFactory", connections);
        if (!jms.enabled()) {
            return Map.of();
        }
        // a factory of its own: a health probe must fail fast, not wait out the channel's reconnect settings
        ActiveMQConnectionFactory probe = new ActiveMQConnectionFactory(jms.brokerUrl());
        probe.setCallTimeout(2000);
        probe.setInitialConnectAttempts(1);
        probe.setUser(user);
        probe.setPassword(password);
        return Map.of("broker", new JmsBrokerCheck(broker, probe));
    }

    /**
     * The accounts, server properties and beans of {@code channel-mail} and {@code source-mail}; bound even when
     * both are off (building them connects to nothing), the routes are created only when enabled.
     */
    private static void bindMail(Registry registry, MailSettings mail, SourceSettings.Mailbox mailbox,
                                 QuestionReader questions, ErrorReplies errorReplies) {
        registry.bind("mailImapProperties", MailServers.imap(mail.imapSsl(), mail.timeout()));
        registry.bind("mailSmtpProperties", MailServers.smtp(mail.smtpSsl(), mail.smtpStarttls(), mail.timeout()));
        registry.bind("mailQuestionsAccount", MailServers.account(mail.username(), mail.password()));
        registry.bind("mailSmtpAccount", MailServers.account(mail.smtpUsername(), mail.smtpPassword()));
        registry.bind("mailSourceAccount", MailServers.account(mailbox.username(), mailbox.password()));
        if (mail.enabled()) {
            MailQuestions mailQuestions = new MailQuestions(questions, new AllowedSenders(mail.allowedSenders()),
                    new SenderGroups(mail.senderGroups(), mail.groups()), mail.from());
            registry.bind("mailQuestions", mailQuestions);
            registry.bind("mailReplies", new MailReplies(mailQuestions, errorReplies, mail.from()));
        }
    }
}
