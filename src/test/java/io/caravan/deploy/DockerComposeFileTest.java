package io.caravan.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The structure of {@code docker-compose.yml} beyond what {@code docker compose config} validates
 * ({@link DockerComposeConfigTest}): an Elasticsearch 9 node with security on, and Caravan on it with keys it really
 * reads.
 */
class DockerComposeFileTest {

    private static final Path COMPOSE = Path.of("docker-compose.yml");

    /** The service {@code name}, with the keys it takes from an anchor by {@code <<:} (YAML 1.1 merge, as Compose reads it). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(Map<String, Object> compose, String name) {
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertThat(services).as("services").containsKey(name);
        Map<String, Object> service = (Map<String, Object>) services.get(name);
        Map<String, Object> merged = new java.util.LinkedHashMap<>();
        if (service.get("<<") instanceof Map<?, ?> base) {
            merged.putAll((Map<String, Object>) base);
        }
        service.forEach((key, value) -> {
            if (!"<<".equals(key)) {
                merged.put(key, value);
            }
        });
        return merged;
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_offer_two_more_instances_sharing_the_inbox_and_the_election_volume_in_the_cluster_profile()
            throws IOException {
        Map<String, Object> compose = compose();
        List<String> dataVolumes = new java.util.ArrayList<>();
        for (String name : List.of("caravan", "caravan-2", "caravan-3")) {
            Map<String, Object> caravan = service(compose, name);
            Map<String, Object> env = (Map<String, Object>) caravan.get("environment");
            assertThat(env).containsEntry("CARAVAN_CLUSTER_SERVICE", "file")
                    .containsEntry("CARAVAN_CLUSTER_FILE_ROOT", "/var/lib/caravan-cluster");
            List<String> volumes = (List<String>) caravan.get("volumes");
            assertThat(volumes).contains("./inbox:/inbox", "caravan-cluster:/var/lib/caravan-cluster");
            volumes.stream().filter(v -> v.endsWith(":/var/lib/caravan")).forEach(dataVolumes::add);
            if (!name.equals("caravan")) {
                assertThat((List<String>) caravan.get("profiles")).containsExactly("cluster");
            }
        }
        assertThat(dataVolumes).as("one data directory per instance").doesNotHaveDuplicates().hasSize(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_scrape_every_instance_with_prometheus_and_provision_the_caravan_dashboard_in_grafana()
            throws IOException {
        // given
        Map<String, Object> compose = compose();

        // when
        Map<String, Object> prometheus = service(compose, "prometheus");
        Map<String, Object> grafana = service(compose, "grafana");

        // then: the mounted files exist, Prometheus scrapes the three instances' /metrics
        for (Map<String, Object> service : List.of(prometheus, grafana)) {
            for (String volume : (List<String>) service.get("volumes")) {
                if (volume.startsWith("./")) {
                    assertThat(Path.of(volume.substring(2, volume.indexOf(':')))).as(volume).exists();
                }
            }
        }
        assertThat(Files.readString(Path.of("deploy/prometheus/prometheus.yml")))
                .contains("caravan:8080", "caravan-2:8080", "caravan-3:8080", "metrics_path: /metrics");
        assertThat((List<String>) grafana.get("volumes"))
                .contains("./deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro");
        assertThat(Files.readString(Path.of("deploy/grafana/provisioning/dashboards/caravan.yml")))
                .contains("path: /var/lib/grafana/dashboards");
        assertThat(Files.readString(Path.of("deploy/grafana/provisioning/datasources/prometheus.yml")))
                .contains("uid: prometheus", "url: http://prometheus:9090");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws IOException {
        return (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(COMPOSE));
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_run_a_secured_single_elasticsearch_9_node() throws IOException {
        // when
        Map<String, Object> es = service(compose(), "elasticsearch");

        // then
        assertThat(es.get("image")).isEqualTo("docker.elastic.co/elasticsearch/elasticsearch:9.2.0");
        Map<String, Object> env = (Map<String, Object>) es.get("environment");
        assertThat(env).containsEntry("discovery.type", "single-node")
                .containsEntry("xpack.security.enabled", "true")
                .containsKey("ES_JAVA_OPTS");
        assertThat((String) env.get("ELASTIC_PASSWORD")).startsWith("${ELASTIC_PASSWORD:?");
        assertThat((List<String>) es.get("ports")).allMatch(p -> p.startsWith("127.0.0.1:"));
        assertThat(es).containsKeys("healthcheck", "volumes");
        assertThat((Map<String, Object>) compose().get("volumes")).containsKey("es-data");
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_run_caravan_on_that_node_with_keys_caravan_reads() throws IOException {
        // when
        Map<String, Object> caravan = service(compose(), "caravan");
        Map<String, Object> env = (Map<String, Object>) caravan.get("environment");

        // then
        assertThat(env).containsEntry("CARAVAN_STORE", "elasticsearch")
                .containsEntry("CARAVAN_ELASTICSEARCH_URL", "http://elasticsearch:9200")
                .containsEntry("CARAVAN_ELASTICSEARCH_USERNAME", "elastic");
        assertThat((String) env.get("CARAVAN_ELASTICSEARCH_PASSWORD")).isEqualTo(
                "${ELASTIC_PASSWORD:?set ELASTIC_PASSWORD in .env}");
        assertThat((Map<String, Object>) caravan.get("depends_on")).containsKey("elasticsearch");
        // every CARAVAN_* variable names a key of application.properties (caravan.a-b.c → CARAVAN_A_B_C)
        Properties keys = new Properties();
        try (var in = Files.newBufferedReader(Path.of("application.properties"))) {
            keys.load(in);
        }
        List<String> known = keys.stringPropertyNames().stream()
                .map(k -> k.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_')).toList();
        assertThat(env.keySet().stream().filter(k -> k.startsWith("CARAVAN_")).toList()).isNotEmpty()
                .allSatisfy(k -> assertThat(known).as("a key for " + k).contains(k));
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_wire_the_mail_channel_and_the_mailbox_source_to_the_greenmail_service() throws IOException {
        // when
        Map<String, Object> compose = compose();
        Map<String, Object> env = (Map<String, Object>) service(compose, "caravan").get("environment");
        Map<String, Object> greenmail = service(compose, "greenmail");

        // then
        assertThat(env).containsEntry("CARAVAN_MAIL_ENABLED", "true")
                .containsEntry("CARAVAN_MAIL_IMAP_HOST", "greenmail")
                .containsEntry("CARAVAN_MAIL_SMTP_HOST", "greenmail")
                .containsEntry("CARAVAN_SOURCES_MAIL_ENABLED", "true");
        assertThat((List<String>) greenmail.get("ports"))
                .anyMatch(p -> p.startsWith("127.0.0.1:3143:" + env.get("CARAVAN_MAIL_IMAP_PORT")))
                .anyMatch(p -> p.startsWith("127.0.0.1:3025:" + env.get("CARAVAN_MAIL_SMTP_PORT")));
        assertThat((Map<String, Object>) service(compose, "caravan").get("depends_on")).containsKey("greenmail");
    }
}
