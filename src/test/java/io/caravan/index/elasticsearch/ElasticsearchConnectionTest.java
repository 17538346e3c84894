package io.caravan.index.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.elasticsearch.client.Node;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElasticsearchConnectionTest {

    @TempDir
    Path temp;

    @Test
    void should_read_a_comma_separated_list_of_urls_with_default_ports() throws Exception {
        // given
        ElasticsearchConnection connection = ElasticsearchConnection.to(
                " http://es1:9201 , https://es2 ,,http://es3", Duration.ofSeconds(5));

        // when
        try (RestClient client = connection.openRestClient()) {

            // then
            assertThat(client.getNodes()).extracting(Node::getHost).extracting(Object::toString)
                    .containsExactly("http://es1:9201", "https://es2:443", "http://es3:9200");
        }
    }

    @Test
    void should_refuse_urls_that_are_not_http() {
        assertThatThrownBy(() -> ElasticsearchConnection.to("es1:9200", Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("es1:9200");
        assertThatThrownBy(() -> ElasticsearchConnection.to(" , ", Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_fail_clearly_on_a_ca_file_without_a_certificate() throws Exception {
        // given
        Path notPem = Files.writeString(temp.resolve("ca.pem"), "not a certificate");
        ElasticsearchConnection connection = new ElasticsearchConnection(List.of(URI.create("https://es:9200")),
                "", "", "", notPem, false, Duration.ofSeconds(5));

        // when / then
        assertThatThrownBy(connection::openRestClient).hasMessageContaining("ca.pem");
    }
}
