package io.caravan.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Routes are listed one by one in application.properties (a classpath wildcard is slow); none may be forgotten. */
class RouteListTest {

    @Test
    void should_load_every_route_file_of_the_routes_folder() throws IOException {
        // given
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("application.properties"))) {
            properties.load(reader);
        }
        List<String> listed = Arrays.stream(properties.getProperty("camel.main.routes-include-pattern").split(","))
                .map(String::strip).toList();

        // when
        List<String> files;
        try (Stream<Path> routes = Files.list(Path.of("routes"))) {
            files = routes.map(p -> "classpath:routes/" + p.getFileName()).filter(n -> n.endsWith(".yaml")).toList();
        }

        // then
        assertThat(files).isNotEmpty();
        assertThat(listed).containsAll(files);
    }
}
