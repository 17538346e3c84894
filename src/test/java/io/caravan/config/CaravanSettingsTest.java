package io.caravan.config;

import io.caravan.index.SearchMode;
import org.apache.camel.CamelContext;
import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every area's settings read from the shipped application.properties, checked, and never printing a secret. */
class CaravanSettingsTest {

    private static final CamelContext CONTEXT = new DefaultCamelContext();

    @AfterAll
    static void closeContext() throws Exception {
        CONTEXT.close();
    }

    /** The shipped application.properties with {@code overrides}. */
    private static CaravanSettings read(Map<String, String> overrides) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("application.properties"))) {
            properties.load(reader);
        }
        properties.putAll(overrides);
        PropertiesComponent component = new PropertiesComponent();
        component.setCamelContext(CONTEXT);
        component.setInitialProperties(properties);
        component.start();
        return CaravanSettings.read(new Settings(component));
    }

    @Test
    void should_read_every_area_from_the_shipped_defaults() throws IOException {
        // when
        CaravanSettings settings = read(Map.of());

        // then
        assertThat(settings.store().kind()).isEqualTo("lucene");
        assertThat(settings.store().luceneOptions().ranking()).isEqualTo(settings.store().elasticsearchOptions()
                .ranking());
        assertThat(settings.retrieval().mode()).isEqualTo(SearchMode.HYBRID);
        assertThat(settings.retrieval().topK()).isPositive();
        assertThat(settings.ingest().concurrency()).isPositive();
        assertThat(settings.answer().llm().configured()).isFalse();
        assertThat(settings.rerank().model()).isEqualTo("none");
        assertThat(settings.ask().cacheEnabled()).isTrue();
        assertThat(settings.jms().enabled()).isTrue();
        assertThat(settings.mail().enabled()).isFalse();
        assertThat(settings.sources().file().acl()).containsExactly("public");
    }

    @Test
    void should_name_the_key_of_a_wrong_value() {
        assertThatThrownBy(() -> read(Map.of("caravan.store", "mongodb"))).hasMessageContaining("caravan.store");
        assertThatThrownBy(() -> read(Map.of("caravan.retrieval.mode", "fuzzy")))
                .hasMessageContaining("caravan.retrieval.mode");
        assertThatThrownBy(() -> read(Map.of("caravan.retrieval.fusion", "max")))
                .hasMessageContaining("caravan.retrieval.fusion");
        assertThatThrownBy(() -> read(Map.of("caravan.rerank.model", "cohere")))
                .hasMessageContaining("caravan.rerank.model");
        assertThatThrownBy(() -> read(Map.of("caravan.chunking.overlap-tokens", "400")))
                .hasMessageContaining("caravan.chunking.overlap-tokens");
        assertThatThrownBy(() -> read(Map.of("caravan.llm.breaker.failure-rate", "0")))
                .hasMessageContaining("caravan.llm.breaker.failure-rate");
        assertThatThrownBy(() -> read(Map.of("caravan.llm.provider", "openai")))
                .as("a provider without a model").hasMessageContaining("caravan.llm.model");
    }

    @Test
    void should_read_the_clusters_keys_only_for_an_elasticsearch_store() throws IOException {
        // given: no cluster URL
        Map<String, String> noCluster = Map.of("caravan.elasticsearch.url", "");

        // when / then: a Lucene store starts, an Elasticsearch one names the key
        assertThat(read(noCluster).store().elasticsearch()).isNull();
        assertThatThrownBy(() -> read(Map.of("caravan.elasticsearch.url", "", "caravan.store", "elasticsearch")))
                .hasMessageContaining("caravan.elasticsearch.url");
        assertThat(read(Map.of("caravan.store", "elasticsearch")).store().elasticsearch().hosts())
                .hasToString("[http://localhost:9200]");
    }

    @Test
    void should_read_the_lease_candidates_labels_as_pairs_and_name_the_key_of_a_bad_one() throws IOException {
        // when
        ClusterSettings cluster = read(Map.of("caravan.cluster.service", "kubernetes",
                "caravan.cluster.kubernetes.pod-labels", "app.kubernetes.io/name=caravan, tier = rag")).cluster();

        // then
        assertThat(cluster.podLabels()).containsExactlyInAnyOrderEntriesOf(
                Map.of("app.kubernetes.io/name", "caravan", "tier", "rag"));
        assertThat(read(Map.of()).cluster().podLabels()).as("the default: every pod of the namespace").isEmpty();
        assertThatThrownBy(() -> read(Map.of("caravan.cluster.kubernetes.pod-labels", "app.kubernetes.io/name")))
                .hasMessageContaining("caravan.cluster.kubernetes.pod-labels");
    }

    @Test
    void should_leave_tracing_off_and_logs_text_by_default() throws IOException {
        // when
        CaravanSettings settings = read(Map.of());

        // then
        assertThat(settings.tracing().enabled()).isFalse();
        assertThat(settings.tracing().sampleRatio()).isEqualTo(1.0);
        assertThat(settings.log().json()).isFalse();
    }

    @Test
    void should_complete_a_collector_base_url_with_the_otlp_traces_path() throws IOException {
        // when
        TracingSettings base = read(Map.of("caravan.tracing.otlp-endpoint", "http://collector:4318")).tracing();
        TracingSettings full = read(Map.of("caravan.tracing.otlp-endpoint", "http://tempo:4318/v1/traces",
                "caravan.tracing.sample-ratio", "0.25")).tracing();

        // then
        assertThat(base.otlpEndpoint()).hasToString("http://collector:4318/v1/traces");
        assertThat(full.otlpEndpoint()).hasToString("http://tempo:4318/v1/traces");
        assertThat(full.sampleRatio()).isEqualTo(0.25);
    }

    @Test
    void should_refuse_a_bad_tracing_endpoint_ratio_or_log_format() {
        assertThatThrownBy(() -> read(Map.of("caravan.tracing.otlp-endpoint", "collector:4318")))
                .hasMessageContaining("caravan.tracing.otlp-endpoint");
        assertThatThrownBy(() -> read(Map.of("caravan.tracing.sample-ratio", "1.5")))
                .hasMessageContaining("caravan.tracing.sample-ratio");
        assertThatThrownBy(() -> read(Map.of("caravan.log.format", "yaml")))
                .hasMessageContaining("caravan.log.format must be text or json");
    }

    @Test
    void should_never_print_a_password_key_or_secret() throws IOException {
        // given
        CaravanSettings settings = read(Map.of(
                "caravan.store", "elasticsearch",
                "caravan.elasticsearch.password", "es-secret-1",
                "caravan.elasticsearch.api-key", "es-secret-2",
                "caravan.jms.password", "jms-secret-3",
                "caravan.mail.password", "mail-secret-4",
                "caravan.mail.smtp.password", "smtp-secret-5",
                "caravan.sources.s3.secret-key", "s3-secret-6",
                "caravan.sources.mail.password", "mailbox-secret-7",
                "caravan.llm.api-key", "llm-secret-8"));

        // when
        String printed = settings.toString();

        // then
        assertThat(printed).doesNotContain("secret").contains("caravan-chunks");
    }
}
