package io.caravan.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The test harness's node is the real Elasticsearch 9.2.0 minimal distribution, healthy and unprivileged. */
class ElasticsearchNodeIT {

    @Test
    void should_run_a_green_single_node_of_elasticsearch_9_2_0() {
        // when
        ElasticsearchNode node = ElasticsearchNode.shared();
        JsonNode health = RunningCaravan.json(node.request("GET", "_cluster/health", null));
        JsonNode nodes = RunningCaravan.json(node.request("GET", "_nodes/_local/process,jvm", null));

        // then
        assertThat(health.path("status").asText()).isEqualTo("green");
        assertThat(health.path("number_of_nodes").asInt()).isEqualTo(1);
        JsonNode info = nodes.path("nodes").elements().next();
        assertThat(info.path("version").asText()).isEqualTo("9.2.0");
        assertThat(info.path("jvm").path("version").asText()).matches("(2[1-9]|[3-9]\\d).*");
        assertThat(ElasticsearchNode.shared()).isSameAs(node);
    }

    @Test
    void should_have_only_the_minimal_modules() {
        // given
        ElasticsearchNode node = ElasticsearchNode.shared();

        // when: the english analyzer lives in the analysis-common module, absent from the minimal distribution
        HttpResponse<String> english = node.request("POST", "_analyze", "{\"analyzer\":\"english\",\"text\":\"runs\"}");
        HttpResponse<String> standard = node.request("POST", "_analyze",
                "{\"analyzer\":\"standard\",\"text\":\"Runs\"}");

        // then
        assertThat(english.statusCode()).isEqualTo(400);
        assertThat(standard.statusCode()).isEqualTo(200);
        assertThat(RunningCaravan.json(standard).path("tokens").get(0).path("token").asText()).isEqualTo("runs");
    }
}
