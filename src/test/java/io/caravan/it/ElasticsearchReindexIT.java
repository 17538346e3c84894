package io.caravan.it;

import static io.caravan.it.RunningCaravan.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.Caravan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code caravan reindex} on Elasticsearch: a new index for the configured model, switched in without downtime. */
class ElasticsearchReindexIT {

    private static final String OTHER_MODEL = "all-minilm-l6-v2-q";

    @TempDir
    Path temp;
    private final List<RunningCaravan> running = new ArrayList<>();
    private final ElasticsearchNode node = ElasticsearchNode.shared();
    private final String alias = "caravan-reindex-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void stop() {
        running.forEach(RunningCaravan::close);
        node.request("DELETE", alias + "*", null);
    }

    @Test
    void should_rebuild_for_the_configured_model_and_switch_while_searches_keep_answering() throws Exception {
        // given an index built with another embedding model
        Path share = temp.resolve("share");
        Fixtures.text(share.resolve("krakatoa.md"), "# Krakatoa\n\nThe Krakatoa eruption of 1883 was heard 4800 "
                + "kilometres away.\n");
        Fixtures.text(share.resolve("coffee.md"), "# Coffee\n\nEspresso is brewed at nine bars of pressure.\n");
        assertThat(cli("ingest", share.toString(), "--caravan.embedding.model=" + OTHER_MODEL,
                "--caravan.chunking.max-tokens=126",
                "--caravan.data-dir=" + temp.resolve("built-with-minilm"))).isZero();
        String oldIndex = indexBehindAlias();
        RunningCaravan onOldModel = start("old", Map.of("caravan.embedding.model", OTHER_MODEL,
                "caravan.chunking.max-tokens", "126"));
        RunningCaravan onNewModel = start("new", Map.of());
        HttpResponse<String> mismatch = onNewModel.get("/api/search?q=Krakatoa&k=3");
        assertThat(mismatch.statusCode()).isEqualTo(503);
        assertThat(json(mismatch).get("error").get("code").asText()).isEqualTo("index_model_mismatch");
        assertThat(json(mismatch).get("error").get("message").asText()).contains("reindex");

        // when the index is rebuilt while the instance on the old model is searched
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean rebuilding = new AtomicBoolean(true);
        Thread searcher = new Thread(() -> {
            while (rebuilding.get()) {
                HttpResponse<String> response = onOldModel.get("/api/search?q=Krakatoa&k=3");
                JsonNode body = json(response);
                seen.add(response.statusCode() == 200
                        ? (body.get("hits").size() > 0 ? "200:hits" : "200:empty")
                        : response.statusCode() + ":" + body.get("error").get("code").asText());
            }
        });
        searcher.start();
        int exitCode;
        try {
            exitCode = cli("reindex", "--caravan.sources.file.path=" + share,
                    "--caravan.data-dir=" + temp.resolve("reindex-data"));
        } finally {
            rebuilding.set(false);
            searcher.join();
        }

        // then the alias moved to a new index, the old one is gone, each document is there once
        assertThat(exitCode).isZero();
        String newIndex = indexBehindAlias();
        assertThat(newIndex).isNotEqualTo(oldIndex);
        assertThat(node.request("GET", oldIndex, null).statusCode()).isEqualTo(404);
        node.request("POST", alias + "/_refresh", null);
        assertThat(json(node.request("GET", alias + "/_count", null)).get("count").asInt()).isEqualTo(2);
        // searches were answered from the old index throughout the rebuild, then the old-model instance saw the
        // switch (a mismatch for it now); never an outage
        assertThat(seen).isNotEmpty();
        assertThat(seen.get(0)).isEqualTo("200:hits");
        int firstSwitched = seen.indexOf("503:index_model_mismatch");
        List<String> before = firstSwitched < 0 ? seen : seen.subList(0, firstSwitched);
        List<String> after = firstSwitched < 0 ? List.of() : seen.subList(firstSwitched, seen.size());
        assertThat(before).hasSizeGreaterThan(2).allMatch("200:hits"::equals);
        assertThat(after).allMatch("503:index_model_mismatch"::equals);
        // and the instance on the configured model answers, without a restart
        long deadline = System.nanoTime() + 15_000_000_000L;
        HttpResponse<String> answer = onNewModel.get("/api/search?q=Krakatoa&k=3");
        while (answer.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            answer = onNewModel.get("/api/search?q=Krakatoa&k=3");
        }
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(json(answer).get("hits").get(0).get("docId").asText()).isEqualTo("krakatoa.md");
    }

    private RunningCaravan start(String name, Map<String, String> extra) throws Exception {
        Map<String, String> config = new HashMap<>(Map.of(
                "caravan.store", "elasticsearch",
                "caravan.elasticsearch.url", node.url().toString(),
                "caravan.elasticsearch.index", alias,
                "caravan.index.analyzer", "standard",
                // searching only: no instance but `reindex` writes
                "caravan.sources.file.enabled", "false"));
        config.putAll(extra);
        RunningCaravan caravan = RunningCaravan.start(temp.resolve("data-" + name), temp.resolve("inbox-" + name),
                config);
        running.add(caravan);
        return caravan;
    }

    private String indexBehindAlias() {
        HttpResponse<String> aliases = node.request("GET", "_alias/" + alias, null);
        assertThat(aliases.statusCode()).as(aliases.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        json(aliases).fieldNames().forEachRemaining(names::add);
        assertThat(names).hasSize(1);
        return names.get(0);
    }

    private int cli(String... args) {
        StringWriter out = new StringWriter();
        String[] all = Stream.concat(Stream.of(args), Stream.of("--caravan.store=elasticsearch",
                "--caravan.elasticsearch.url=" + node.url(), "--caravan.elasticsearch.index=" + alias,
                "--caravan.index.analyzer=standard")).toArray(String[]::new);
        var cli = Caravan.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            return cli.execute(all);
        } finally {
            System.setOut(stdout);
            String text = out + printed.toString(java.nio.charset.StandardCharsets.UTF_8);
            System.out.println("caravan " + args[0] + ":\n" + text);
        }
    }
}
