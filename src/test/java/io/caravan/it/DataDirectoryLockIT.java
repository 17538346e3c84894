package io.caravan.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One Caravan per data directory (docs/operations.md#scale-out): a second process pointed at a Lucene Caravan's data
 * directory refuses to start with one line that names the lock and says to use Elasticsearch for several instances.
 */
class DataDirectoryLockIT {

    @TempDir
    Path data;
    @TempDir
    Path inbox;
    @TempDir
    Path logs;

    @Test
    void should_refuse_a_second_process_on_the_same_data_directory_with_one_line() throws Exception {
        try (RunningCaravan first = RunningCaravan.start(data, inbox, Map.of())) {
            // when: a second Caravan process on the same data directory
            Path out = logs.resolve("out.txt");
            Path err = logs.resolve("err.txt");
            Process second = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "io.caravan.Caravan", "run",
                    "--caravan.data-dir=" + data, "--caravan.sources.file.path=" + inbox,
                    "--caravan.http.port=" + freePort(), "--caravan.jms.broker-url=tcp://127.0.0.1:" + freePort())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();

            // then
            assertThat(second.waitFor(180, TimeUnit.SECONDS)).as("the second process exits by itself").isTrue();
            List<String> errors = Files.readAllLines(err, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank()).toList();
            String output = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(second.exitValue()).as("%s%n%s", errors, output).isEqualTo(2);
            assertThat(errors).as(output).singleElement().asString()
                    .startsWith("caravan: the data directory " + data.toAbsolutePath())
                    .contains("caravan.lock")
                    .contains("caravan.store=elasticsearch");
            assertThat(output).doesNotContain("MVStoreException").doesNotContain("LockObtainFailedException")
                    .doesNotContain("\tat ");
            // and the first one still serves
            assertThat(first.get("/api/health").statusCode()).isEqualTo(200);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
