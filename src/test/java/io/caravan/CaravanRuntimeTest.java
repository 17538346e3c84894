package io.caravan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where configuration comes from (docs/configuration.md#where-values-come-from). */
class CaravanRuntimeTest {

    private static final List<String> KEYS = List.of("caravan.http.port", "caravan.store", "camel.server.port");

    @TempDir
    Path workingDirectory;

    @Test
    void should_take_a_key_from_the_working_directory_file_over_the_packaged_default() throws Exception {
        // given: a working-directory file (on Kubernetes, the ConfigMap) that sets one key
        Path file = Files.writeString(workingDirectory.resolve("application.properties"), "caravan.http.port = 9191\n");

        // when
        Map<String, String> values = CaravanRuntime.resolve(CaravanRuntime.propertyLocations(file.toString()),
                Map.of(), KEYS);

        // then: its key wins, even where a packaged key refers to it; the others keep their packaged defaults
        assertThat(values).containsEntry("caravan.http.port", "9191")
                .containsEntry("camel.server.port", "9191")
                .containsEntry("caravan.store", "lucene");
    }

    @Test
    void should_let_an_override_win_over_the_working_directory_file() throws Exception {
        // given
        Path file = Files.writeString(workingDirectory.resolve("application.properties"), "caravan.http.port = 9191\n");

        // when
        Map<String, String> values = CaravanRuntime.resolve(CaravanRuntime.propertyLocations(file.toString()),
                Map.of("caravan.http.port", "7070"), KEYS);

        // then
        assertThat(values).containsEntry("caravan.http.port", "7070");
    }

    @Test
    void should_read_the_file_of_the_working_directory_itself() {
        // then: the locations a running Caravan uses are the tested ones, relative to its working directory
        assertThat(CaravanRuntime.PROPERTY_LOCATIONS)
                .isEqualTo(CaravanRuntime.propertyLocations("application.properties"));
    }
}
