package io.caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.caravan.llm.LlmStub;
import io.caravan.llm.LlmStub.Reply;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the compose file's Grafana dashboard and Prometheus alert rules query exists (docs/operations.md#metrics): a
 * Caravan answering through a language model ingests one document and answers one question, and every
 * {@code caravan_*} and {@code camel_*} metric named in {@code deploy/grafana/dashboards/caravan.json} and
 * {@code deploy/prometheus/alerts.yml} is then in its {@code /metrics}, with the counts that one document and one
 * question make, and without the question's words in any label.
 */
class DashboardMetricsIT {

    private static final Path DASHBOARD = Path.of("deploy/grafana/dashboards/caravan.json");
    private static final Path ALERTS = Path.of("deploy/prometheus/alerts.yml");
    private static final Pattern METRIC = Pattern.compile("\\b((?:caravan|camel)_[a-z0-9_]+)\\b");
    private static final String QUESTION = "How long did Krakatoa ash lower global temperatures?";

    @TempDir
    Path dir;

    @Test
    void should_export_every_metric_the_dashboard_and_the_alerts_query_after_one_document_and_one_question()
            throws Exception {
        // given: the metric names the dashboard's panels and the alert rules use
        Set<String> queried = new TreeSet<>();
        queried.addAll(metricNames(dashboardExpressions()));
        queried.addAll(metricNames(alertExpressions()));
        assertThat(queried).as("the dashboard names Caravan's metrics").contains("caravan_questions_total",
                "caravan_answer_seconds_bucket", "caravan_stage_seconds_bucket", "caravan_ingest_documents_total");

        try (LlmStub llm = LlmStub.start()) {
            llm.replying(request -> Reply.answer("Krakatoa's ash lowered global temperatures for five years [1]."));
            Path inbox = Files.createDirectories(dir.resolve("inbox"));
            try (RunningCaravan caravan = RunningCaravan.start(Files.createDirectories(dir.resolve("data")), inbox,
                    Map.of("caravan.jms.enabled", "false",
                            "caravan.llm.provider", "openai",
                            "caravan.llm.base-url", llm.openAiBaseUrl(),
                            "caravan.llm.model", "stub-model"))) {
                NotifyBuilder indexed = caravan.notifier().fromRoute("source-file").whenCompleted(1).create();
                Fixtures.volcanoText(inbox);
                RunningCaravan.await(indexed, 120);

                // when: one question, one request without a question, then a scrape
                HttpResponse<String> answer = caravan.ask(QUESTION);
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(caravan.post("/api/ask", "application/json", "{}").statusCode()).isEqualTo(400);
                assertThat(caravan.get("/api/documents/nothing-here").statusCode()).isEqualTo(404);
                String scrape = caravan.get("/metrics").body();

                // then: every queried metric is exported
                Set<String> exported = sampleNames(scrape);
                assertThat(queried).allSatisfy(name ->
                        assertThat(exported).as("exported by /metrics").contains(name));
                // with what one document and one question make
                assertThat(sample(scrape, "caravan_questions_total",
                        "channel=\"http\",mode=\"llm\",outcome=\"answered\"")).isEqualTo(1.0);
                assertThat(sample(scrape, "caravan_answer_seconds_count", "channel=\"http\",mode=\"llm\""))
                        .isEqualTo(1.0);
                // the refused question counted by what its caller was told; the missing document is no question
                assertThat(sample(scrape, "caravan_questions_total",
                        "channel=\"http\",mode=\"none\",outcome=\"invalid\"")).isEqualTo(1.0);
                assertThat(grep(scrape, "caravan_questions_total{").lines()).hasSize(2);
                assertThat(sample(scrape, "caravan_ingest_documents_total", "outcome=\"indexed\",source=\"file\""))
                        .isEqualTo(1.0);
                assertThat(sample(scrape, "caravan_ingest_chunks_total", "outcome=\"indexed\",source=\"file\""))
                        .isGreaterThanOrEqualTo(1.0);
                for (String stage : List.of("retrieve", "rerank", "generate", "parse", "chunk", "embed", "index")) {
                    assertThat(sample(scrape, "caravan_stage_seconds_count", "stage=\"" + stage + "\""))
                            .as("stage %s timed", stage).isEqualTo(1.0);
                }
                assertThat(sample(scrape, "caravan_index_documents", "")).isEqualTo(1.0);
                assertThat(sample(scrape, "caravan_ingest_backlog", "source=\"file\"")).isEqualTo(0.0);
                assertThat(sample(scrape, "caravan_llm_tokens_total",
                        "model=\"stub-model\",provider=\"openai\",type=\"prompt\"")).isEqualTo(LlmStub.PROMPT_TOKENS);
                // and no label carries what the caller asked
                assertThat(scrape).doesNotContain("Krakatoa").doesNotContain("temperatures");
            }
        }
    }

    private static List<String> dashboardExpressions() throws IOException {
        List<String> expressions = new ArrayList<>();
        new ObjectMapper().readTree(DASHBOARD.toFile()).findValues("expr")
                .forEach(expr -> expressions.add(expr.asText()));
        assertThat(expressions).as("queries in %s", DASHBOARD).isNotEmpty();
        return expressions;
    }

    private static List<String> alertExpressions() throws IOException {
        List<String> expressions = new ArrayList<>();
        for (JsonNode group : new YAMLMapper().readTree(ALERTS.toFile()).path("groups")) {
            group.path("rules").forEach(rule -> expressions.add(rule.path("expr").asText()));
        }
        assertThat(expressions).as("rules in %s", ALERTS).isNotEmpty();
        return expressions;
    }

    private static Set<String> metricNames(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions) {
            Matcher m = METRIC.matcher(expression);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** The names of the samples in a Prometheus text exposition. */
    private static Set<String> sampleNames(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    /** The value of the sample {@code name{labels}} (labels as exported: sorted by name), failing when absent. */
    private static double sample(String scrape, String name, String labels) {
        String prefix = labels.isEmpty() ? name + " " : name + "{" + labels + "} ";
        for (String line : scrape.split("\n")) {
            if (line.startsWith(prefix)) {
                return Double.parseDouble(line.substring(prefix.length()).trim());
            }
        }
        throw new AssertionError("no sample " + prefix + "in /metrics:\n" + grep(scrape, name));
    }

    private static String grep(String scrape, String name) {
        StringBuilder lines = new StringBuilder();
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name)) {
                lines.append(line).append('\n');
            }
        }
        return lines.toString();
    }
}
