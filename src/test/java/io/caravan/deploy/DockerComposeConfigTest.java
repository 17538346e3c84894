package io.caravan.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code docker compose config} on {@code docker-compose.yml}: the Compose implementation itself validates the file
 * (schema, interpolation, dependencies), which {@link DockerComposeFileTest}'s structural checks cannot. Needs a
 * Compose CLI ({@code docker compose} plugin or Debian's {@code docker-compose}; {@code .ci/run} installs the latter);
 * without one the test is reported as skipped with the reason, never passed.
 */
class DockerComposeConfigTest {

    private static final Path COMPOSE = Path.of("docker-compose.yml");

    private record Result(int exitCode, String output) {
    }

    @Test
    void should_be_a_valid_compose_file_once_the_password_is_set() throws Exception {
        // when
        Result result = config(Map.of("ELASTIC_PASSWORD", "a-test-password"));

        // then
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("elasticsearch:", "caravan:", "a-test-password");
    }

    @Test
    void should_refuse_to_start_without_an_elasticsearch_password() throws Exception {
        // when
        Result result = config(Map.of());

        // then
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("set ELASTIC_PASSWORD in .env");
    }

    private static Result config(Map<String, String> environment) throws IOException, InterruptedException {
        // run on a copy in an empty folder: an .env beside the real file would be read too
        Path dir = Files.createTempDirectory("compose-config");
        try {
            Path file = Files.copy(COMPOSE, dir.resolve("docker-compose.yml"));
            List<String> command = new ArrayList<>(composeCli().orElseThrow());
            command.addAll(List.of("-f", file.toString(), "config"));
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            // only the variables under test: a developer's own ELASTIC_PASSWORD must not make the refusal test pass
            builder.environment().remove("ELASTIC_PASSWORD");
            builder.environment().putAll(environment);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("compose config finished").isTrue();
            return new Result(process.exitValue(), output);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** {@code docker compose} when the plugin answers, else {@code docker-compose}; the test is skipped without one. */
    private static Optional<List<String>> composeCli() {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            if (answers(candidate)) {
                return Optional.of(candidate);
            }
        }
        Assumptions.abort("no Compose CLI on this machine (install the docker compose plugin or Debian's "
                + "docker-compose; .ci/run does) - docker-compose.yml was not validated by Compose");
        return Optional.empty();
    }

    private static boolean answers(List<String> cli) {
        List<String> command = new ArrayList<>(cli);
        command.add("version");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
