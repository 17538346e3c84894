package io.caravan.it;

import static io.caravan.it.RunningCaravan.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.Caravan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code caravan reindex} on Lucene: refused while Caravan runs, then a rebuilt index and ledger swapped in. */
class LuceneReindexIT {

    @TempDir
    Path temp;

    @Test
    void should_rebuild_a_lucene_index_made_with_another_model_once_caravan_is_stopped() throws Exception {
        // given an index built with another embedding model
        Path share = temp.resolve("share");
        Path data = temp.resolve("data");
        Fixtures.text(share.resolve("krakatoa.md"), "# Krakatoa\n\nThe Krakatoa eruption of 1883 was heard 4800 "
                + "kilometres away.\n");
        Fixtures.text(share.resolve("coffee.md"), "# Coffee\n\nEspresso is brewed at nine bars of pressure.\n");
        assertThat(cli("ingest", share.toString(), "--caravan.embedding.model=all-minilm-l6-v2-q",
                "--caravan.chunking.max-tokens=126", "--caravan.data-dir=" + data)).isZero();
        Map<String, String> config = Map.of("caravan.sources.file.enabled", "false");
        try (RunningCaravan running = RunningCaravan.start(data, share, config)) {
            HttpResponse<String> mismatch = running.get("/api/search?q=Krakatoa&k=3");
            assertThat(mismatch.statusCode()).isEqualTo(503);
            assertThat(json(mismatch).get("error").get("code").asText()).isEqualTo("index_model_mismatch");

            // when reindex is asked while Caravan holds the index
            int refused = cli("reindex", "--caravan.data-dir=" + data, "--caravan.sources.file.path=" + share);

            // then it refuses and touches nothing
            assertThat(refused).isEqualTo(2);
            assertThat(running.get("/api/search?q=Krakatoa&k=3").statusCode()).isEqualTo(503);
        }

        // when Caravan is stopped
        int rebuilt = cli("reindex", "--caravan.data-dir=" + data, "--caravan.sources.file.path=" + share);

        // then the index and the ledger are the rebuilt ones, and nothing is left behind
        assertThat(rebuilt).isZero();
        assertThat(data.resolve("reindex")).doesNotExist();
        assertThat(data.resolve("index.old")).doesNotExist();
        try (RunningCaravan running = RunningCaravan.start(data, share, config)) {
            HttpResponse<String> search = running.get("/api/search?q=Krakatoa&k=3");
            assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
            assertThat(json(search).get("hits").get(0).get("docId").asText()).isEqualTo("krakatoa.md");
            assertThat(json(search).get("hits")).hasSize(2);
            assertThat(json(running.get("/api/documents")).get("counts").get("indexed").asInt()).isEqualTo(2);
        }
        assertThat(Files.exists(data.resolve("ledger.mv.db"))).isTrue();
    }

    private static int cli(String... args) {
        StringWriter out = new StringWriter();
        var cli = Caravan.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            return cli.execute(Stream.of(args).toArray(String[]::new));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
            System.out.println("caravan " + args[0] + ":\n" + out + printed.toString(StandardCharsets.UTF_8));
        }
    }
}
