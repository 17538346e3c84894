package io.caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.caravan.it.RunningCaravan.await;
import static io.caravan.it.RunningCaravan.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tables and spreadsheets through the file share and the HTTP API (docs/architecture.md#tables): a question about
 * one cell cites the row that holds it, with the row's header names, and a spreadsheet's row is found under its
 * sheet's name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TablesIT {

    @TempDir
    static Path data;
    @TempDir
    static Path inbox;

    private RunningCaravan caravan;

    @BeforeAll
    void start() throws Exception {
        caravan = RunningCaravan.start(data, inbox, Map.of("caravan.jms.enabled", "false"));
        NotifyBuilder done = caravan.notifier().fromRoute("source-file").whenDone(3).create();
        Fixtures.docxTable(inbox.resolve("quarterly-report.docx"), "Quarterly revenue by sales region.",
                new String[][]{{"Sales region", "Q3 revenue", "Head of sales"},
                        {"North", "4.2 million euros", "Ingrid Holm"},
                        {"South", "3.1 million euros", "Marco Bellini"},
                        {"East", "2.7 million euros", "Ana Kovac"}});
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[]{"Cost centre", "Owner", "Annual budget"});
        for (int i = 1; i <= 60; i++) {
            rows.add(new Object[]{"CC-" + (1000 + i), "Owner number " + i, 10_000 + 250 * i});
        }
        Fixtures.xlsx(inbox.resolve("budgets.xlsx"), "Budgets 2026", rows.toArray(Object[][]::new));
        Fixtures.text(inbox.resolve("extensions.csv"), "Person,Desk phone\n\"Smith, Ann\",4471\nLee Wong,4472\n");
        await(done, 120);
    }

    @AfterAll
    void stop() {
        if (caravan != null) {
            caravan.close();
        }
    }

    @Test
    void should_answer_a_question_about_one_cell_citing_its_row_with_the_header_names() {
        // when
        JsonNode answer = json(caravan.ask("What was the Q3 revenue of the North sales region?"));

        // then
        assertThat(answer.get("answer").asText())
                .contains("Sales region: North | Q3 revenue: 4.2 million euros | Head of sales: Ingrid Holm");
        JsonNode citation = answer.get("citations").get(0);
        assertThat(citation.get("docId").asText()).isEqualTo("quarterly-report.docx");
        assertThat(citation.get("quote").asText()).contains("Sales region: North | Q3 revenue: 4.2 million euros");
    }

    @Test
    void should_find_a_spreadsheet_row_under_its_sheets_name() {
        // when
        JsonNode hits = json(caravan.get("/api/search?k=3&q=" + URLEncoder.encode("budget of cost centre CC-1042",
                StandardCharsets.UTF_8))).get("hits");

        // then: the sheet was cut into several chunks, and the one holding the row is found
        JsonNode top = hits.get(0);
        assertThat(top.get("docId").asText()).isEqualTo("budgets.xlsx");
        assertThat(top.get("section").asText()).isEqualTo("Budgets 2026");
        assertThat(top.get("content").asText())
                .contains("Cost centre: CC-1042 | Owner: Owner number 42 | Annual budget: 20500");
        assertThat(json(caravan.get("/api/documents/budgets.xlsx")).get("chunks").asInt()).isGreaterThan(1);
    }

    @Test
    void should_read_a_csv_file_as_rows_with_their_column_names() {
        // when
        JsonNode hits = json(caravan.get("/api/search?k=1&q=" + URLEncoder.encode("Ann Smith desk phone",
                StandardCharsets.UTF_8))).get("hits");

        // then
        assertThat(hits.get(0).get("docId").asText()).isEqualTo("extensions.csv");
        assertThat(hits.get(0).get("content").asText()).contains("Person: Smith, Ann | Desk phone: 4471");
    }
}
