package io.caravan.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose file's Prometheus configuration and alert rules, checked by Prometheus' own {@code promtool} (Debian's
 * {@code prometheus} package; {@code .ci/run} installs it): a typo in a rule's PromQL or a key fails the build. That
 * the rules' metrics exist is {@code DashboardMetricsIT}'s job.
 */
class PrometheusRulesTest {

    private static final Path DIR = Path.of("deploy/prometheus");

    @TempDir
    Path dir;

    @Test
    void should_be_alert_rules_promtool_accepts() throws Exception {
        // when
        Result result = promtool("check", "rules", DIR.resolve("alerts.yml").toString());

        // then
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void should_be_a_prometheus_configuration_promtool_accepts_with_its_rules() throws Exception {
        // given: the configuration with its rule file where the container mounts it, made relative
        String config = Files.readString(DIR.resolve("prometheus.yml"))
                .replace("/etc/prometheus/alerts.yml", "alerts.yml");
        assertThat(config).contains("- alerts.yml");
        Files.writeString(dir.resolve("prometheus.yml"), config);
        Files.copy(DIR.resolve("alerts.yml"), dir.resolve("alerts.yml"));

        // when
        Result result = promtool("check", "config", dir.resolve("prometheus.yml").toString());

        // then
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("1 rule files found");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool is not installed: install Debian's prometheus package "
                    + "(apt-get install --no-install-recommends prometheus), as .ci/run does", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        return new Result(process.exitValue(), output);
    }
}
