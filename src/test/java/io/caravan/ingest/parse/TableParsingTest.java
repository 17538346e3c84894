package io.caravan.ingest.parse;

import io.caravan.ingest.ParsedDocument;
import io.caravan.ingest.SourceDocument;
import io.caravan.ingest.TextBlock;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Tables reach blocks as rows that keep their header cells, in every format that has tables. */
class TableParsingTest {

    private final TikaDocumentParser parser = new TikaDocumentParser();

    @Test
    void should_keep_the_header_cells_in_every_row_of_a_docx_table() throws IOException {
        // given
        byte[] docx = docx("Revenue by region", new String[][]{
                {"Region", "Q3 revenue"}, {"North", "4.2 M"}, {"South", "3.1 M"}});

        // when
        ParsedDocument parsed = parser.parse(doc("report.docx", docx));

        // then
        assertThat(parsed.blocks()).extracting(TextBlock::text).containsExactly("Revenue by region",
                "Region: North | Q3 revenue: 4.2 M", "Region: South | Q3 revenue: 3.1 M");
    }

    @Test
    void should_read_each_xlsx_sheet_under_its_name_with_its_first_row_as_header() throws IOException {
        // given
        byte[] xlsx = xlsx();

        // when
        ParsedDocument parsed = parser.parse(doc("budget.xlsx", xlsx));

        // then
        assertThat(parsed.blocks()).extracting(TextBlock::kind, TextBlock::text, TextBlock::sectionPath).containsExactly(
                tuple(TextBlock.Kind.HEADING, "Budget 2026", "Budget 2026"),
                tuple(TextBlock.Kind.TABLE_ROW, "Team: Ops | Budget: 12000", "Budget 2026"),
                tuple(TextBlock.Kind.TABLE_ROW, "Team: Sales | Budget: 8500", "Budget 2026"),
                tuple(TextBlock.Kind.HEADING, "Staff", "Staff"),
                tuple(TextBlock.Kind.TABLE_ROW, "Name: Ada | Room: 4.12", "Staff"));
        assertThat(parsed.blocks()).extracting(TextBlock::page).containsOnlyNulls();
    }

    @Test
    void should_read_an_ods_sheet_as_a_table() throws IOException {
        // when
        ParsedDocument parsed = parser.parse(doc("rooms.ods", ods()));

        // then
        assertThat(parsed.blocks()).extracting(TextBlock::text, TextBlock::sectionPath)
                .contains(tuple("Room: 4.12 | Seats: 8", "Rooms"), tuple("Room: 5.01 | Seats: 20", "Rooms"));
    }

    @Test
    void should_keep_the_header_cells_of_an_odt_table() throws IOException {
        // given
        String body = "<office:text><text:p>Opening hours.</text:p><table:table table:name=\"Hours\">"
                + row("Day", "Opens") + row("Monday", "8:00") + row("Saturday", "10:00")
                + "</table:table></office:text>";

        // when
        byte[] odt = OdfFiles.of("application/vnd.oasis.opendocument.text", body);
        ParsedDocument parsed = parser.parse(doc("hours.odt", odt));

        // then
        assertThat(parsed.blocks()).extracting(TextBlock::text)
                .containsExactly("Opening hours.", "Day: Monday | Opens: 8:00", "Day: Saturday | Opens: 10:00");
    }

    @Test
    void should_take_th_cells_of_an_html_table_as_its_header() {
        // given
        String html = "<html><body><h1>Prices</h1><table><tr><th>Product</th><th>Price</th></tr>"
                + "<tr><td>Espresso</td><td>2.10</td></tr><tr><td>Tea</td><td>1.80</td></tr></table>"
                + "<p>Prices include VAT.</p></body></html>";

        // when
        ParsedDocument parsed = parser.parse(doc("prices.html", html.getBytes(StandardCharsets.UTF_8)));

        // then
        assertThat(parsed.blocks()).extracting(TextBlock::text, TextBlock::sectionPath).containsExactly(
                tuple("Prices", "Prices"),
                tuple("Product: Espresso | Price: 2.10", "Prices"),
                tuple("Product: Tea | Price: 1.80", "Prices"),
                tuple("Prices include VAT.", "Prices"));
    }

    @Test
    void should_keep_the_header_cells_of_a_pptx_table() throws IOException {
        // when
        ParsedDocument parsed = parser.parse(doc("deck.pptx", pptx()));

        // then
        assertThat(parsed.blocks()).extracting(TextBlock::text).contains("Milestone: Beta | Date: 2026-03-01",
                "Milestone: Launch | Date: 2026-06-15");
    }

    @Test
    void should_not_take_a_first_row_of_values_for_a_header() {
        // given
        String html = "<html><body><table><tr><td>2024</td><td>4.2</td></tr>"
                + "<tr><td>2025</td><td>5.0</td></tr></table></body></html>";

        // when
        ParsedDocument parsed = parser.parse(doc("years.html", html.getBytes(StandardCharsets.UTF_8)));

        // then
        assertThat(parsed.blocks()).extracting(TextBlock::text).containsExactly("2024 | 4.2", "2025 | 5.0");
    }

    @Test
    void should_read_csv_with_quotes_and_semicolons_as_a_table() {
        // given
        String csv = "Name;City;Note\n\"Smith, Ann\";Paris;\"says \"\"hi\"\"\"\nLee;Oslo;\n";

        // when
        ParsedDocument parsed = parser.parse(doc("people.csv", csv.getBytes(StandardCharsets.UTF_8)));

        // then
        assertThat(parsed.mimeType()).isEqualTo("text/csv");
        assertThat(parsed.blocks()).extracting(TextBlock::text).containsExactly(
                "Name: Smith, Ann | City: Paris | Note: says \"hi\"", "Name: Lee | City: Oslo");
    }

    @Test
    void should_read_tab_separated_values_as_a_table() {
        // when
        ParsedDocument parsed = parser.parse(doc("codes.tsv", "Code\tMeaning\nE1\tDisk full\n"
                .getBytes(StandardCharsets.UTF_8)));

        // then
        assertThat(parsed.blocks()).extracting(TextBlock::text).containsExactly("Code: E1 | Meaning: Disk full");
    }

    @Test
    void should_read_a_table_inside_a_cell_as_that_cells_text() {
        // given
        String html = "<html><body><table><tr><th>Team</th><th>Members</th></tr><tr><td>Ops</td>"
                + "<td><table><tr><td>Ada</td><td>Bo</td></tr></table></td></tr></table></body></html>";

        // when
        ParsedDocument parsed = parser.parse(doc("teams.html", html.getBytes(StandardCharsets.UTF_8)));

        // then
        assertThat(parsed.blocks()).extracting(TextBlock::text).containsExactly("Team: Ops | Members: Ada Bo");
    }

    // --- fixtures ---------------------------------------------------------------------------------------------

    private static SourceDocument doc(String path, byte[] content) {
        return new SourceDocument(path, "file", path, content, "0".repeat(64), List.of("public"), null);
    }

    private static byte[] docx(String paragraph, String[][] cells) throws IOException {
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.createParagraph().createRun().setText(paragraph);
            XWPFTable table = document.createTable(cells.length, cells[0].length);
            for (int r = 0; r < cells.length; r++) {
                for (int c = 0; c < cells[r].length; c++) {
                    table.getRow(r).getCell(c).setText(cells[r][c]);
                }
            }
            document.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] xlsx() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet budget = workbook.createSheet("Budget 2026");
            row(budget, 0, "Team", "Budget");
            row(budget, 1, "Ops", 12000);
            row(budget, 2, "Sales", 8500);
            XSSFSheet staff = workbook.createSheet("Staff");
            row(staff, 0, "Name", "Room");
            row(staff, 1, "Ada", "4.12");
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private static void row(XSSFSheet sheet, int index, Object... values) {
        XSSFRow row = sheet.createRow(index);
        for (int c = 0; c < values.length; c++) {
            if (values[c] instanceof Number number) {
                row.createCell(c).setCellValue(number.doubleValue());
            } else {
                row.createCell(c).setCellValue(String.valueOf(values[c]));
            }
        }
    }

    private static byte[] pptx() throws IOException {
        try (XMLSlideShow show = new XMLSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSLFTable table = show.createSlide().createTable();
            String[][] cells = {{"Milestone", "Date"}, {"Beta", "2026-03-01"}, {"Launch", "2026-06-15"}};
            for (String[] values : cells) {
                XSLFTableRow row = table.addRow();
                for (String value : values) {
                    row.addCell().setText(value);
                }
            }
            show.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] ods() throws IOException {
        return OdfFiles.of("application/vnd.oasis.opendocument.spreadsheet", "<office:spreadsheet>"
                + "<table:table table:name=\"Rooms\">" + row("Room", "Seats") + row("4.12", "8") + row("5.01", "20")
                + "</table:table></office:spreadsheet>");
    }

    private static String row(String... cells) {
        StringBuilder row = new StringBuilder("<table:table-row>");
        for (String cell : cells) {
            row.append("<table:table-cell><text:p>").append(cell).append("</text:p></table:table-cell>");
        }
        return row.append("</table:table-row>").toString();
    }
}
