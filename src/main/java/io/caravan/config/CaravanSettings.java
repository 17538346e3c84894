package io.caravan.config;

import io.caravan.rerank.RerankSettings;
import org.apache.camel.CamelContext;

/**
 * Every {@code caravan.*} key Caravan's beans read, one typed record per area, each key read and checked once when
 * Caravan starts (docs/configuration.md lists them all). Bound as {@code caravanSettings} so the commands read the
 * same values.
 */
public record CaravanSettings(StoreSettings store, IngestSettings ingest, SourceSettings sources,
                              RetrievalSettings retrieval, RerankSettings rerank,
                              AnswerSettings answer, AskSettings ask, HttpSettings http, JmsSettings jms,
                              MailSettings mail, AuthSettings auth, ClusterSettings cluster,
                              TracingSettings tracing, LogSettings log, OpenAiSettings openai,
                              McpSettings mcp, OcrSettings ocr) {

    /** The bean name the registry holds this under. */
    public static final String BEAN = "caravanSettings";

    /** The settings a configured Caravan context holds. */
    public static CaravanSettings of(CamelContext context) {
        CaravanSettings settings = context.getRegistry().lookupByNameAndType(BEAN, CaravanSettings.class);
        if (settings == null) {
            throw new IllegalStateException("no " + BEAN + " in the registry: the context is not a configured Caravan");
        }
        return settings;
    }

    /** Reads and checks every area's keys. */
    public static CaravanSettings read(Settings settings) {
        RetrievalSettings retrieval = RetrievalSettings.read(settings);
        return new CaravanSettings(StoreSettings.read(settings, retrieval.fusion()), IngestSettings.read(settings),
                SourceSettings.read(settings), retrieval, rerank(settings),
                AnswerSettings.read(settings), AskSettings.read(settings), HttpSettings.read(settings),
                JmsSettings.read(settings), MailSettings.read(settings), AuthSettings.read(settings),
                ClusterSettings.read(settings), TracingSettings.read(settings), LogSettings.read(settings),
                OpenAiSettings.read(settings), McpSettings.read(settings),
                OcrSettings.read(settings));
    }

    private static RerankSettings rerank(Settings settings) {
        return new RerankSettings(settings.string("caravan.rerank.model"),
                settings.integer("caravan.rerank.candidates"), settings.decimal("caravan.rerank.weight"),
                settings.decimal("caravan.rerank.llm.weight"), settings.integer("caravan.rerank.llm.batch-size"),
                settings.integer("caravan.rerank.llm.max-passage-chars"));
    }
}
