package io.caravan.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One self-contained HTML page: headings, paragraphs and tables that read without JavaScript, charts drawn by the
 * inlined {@link ChartJs}, and the figures they show as an inlined JSON object (element {@code caravan-figures}) for
 * whoever wants them back. Nothing is loaded from anywhere: the library and the data are in the file, and its content
 * security policy forbids every fetch. All text is escaped. Built by one thread, then rendered.
 */
public final class HtmlReport {

    /** The id of the element holding the figures as JSON. */
    public static final String FIGURES_ID = "caravan-figures";
    /** The id of the element holding the Chart.js configurations as JSON. */
    public static final String CHARTS_ID = "caravan-charts";

    private static final ObjectMapper MAPPER = Json.newMapper();
    /** A cell holding a figure, right-aligned so that digits line up: 1,234.5, -0.25, 12 %, 3.2 s. */
    private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d,]*(\\.\\d+)?( ?[%a-zA-Z/]+)?");
    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem;
                   color: #222; line-height: 1.4; }
            h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2.5rem; }
            table { border-collapse: collapse; margin: 1rem 0; font-variant-numeric: tabular-nums; }
            caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
            th, td { border: 1px solid #ccc; padding: 0.25rem 0.6rem; vertical-align: top; }
            th { background: #f3f3f3; text-align: left; }
            td.number { text-align: right; }
            figure.chart { display: none; margin: 1rem 0; }
            .js figure.chart { display: block; }
            figure.chart div { position: relative; height: 22rem; }
            pre { background: #f7f7f7; padding: 0.8rem; overflow-x: auto; font-size: 0.85rem; }
            """;
    // every chart is drawn once the page's elements exist; the class shows the figures that hold them
    private static final String DRAW = """
            document.documentElement.classList.add('js');
            for (const chart of JSON.parse(document.getElementById('%s').textContent)) {
              new Chart(document.getElementById(chart.canvas), chart.config);
            }
            """.formatted(CHARTS_ID);

    private final String title;
    private final List<String> body = new ArrayList<>();
    private final List<Map<String, Object>> charts = new ArrayList<>();
    private Object figures = Map.of();

    public HtmlReport(String title) {
        this.title = title;
    }

    /** A section heading. */
    public HtmlReport heading(String text) {
        body.add("<h2>" + escape(text) + "</h2>");
        return this;
    }

    /** A paragraph of text. */
    public HtmlReport paragraph(String text) {
        body.add("<p>" + escape(text) + "</p>");
        return this;
    }

    /** A chart, drawn where it is added; shown only when JavaScript runs, as its figures are in the tables too. */
    public HtmlReport chart(Chart chart) {
        String canvas = "chart-" + (charts.size() + 1);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("canvas", canvas);
        entry.put("config", chart.config());
        charts.add(entry);
        body.add("<figure class=\"chart\"><div><canvas id=\"" + canvas + "\" role=\"img\" aria-label=\""
                + escape(chart.title()) + "\"></canvas></div></figure>");
        return this;
    }

    /** A table. */
    public HtmlReport table(Table table) {
        StringBuilder html = new StringBuilder("<table>\n<caption>").append(escape(table.caption()))
                .append("</caption>\n<thead><tr>");
        table.header().forEach(cell -> html.append("<th>").append(escape(cell)).append("</th>"));
        html.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : table.rows()) {
            html.append("<tr>");
            row.forEach(cell -> html.append(NUMBER.matcher(cell).matches() ? "<td class=\"number\">" : "<td>")
                    .append(escape(cell)).append("</td>"));
            html.append("</tr>\n");
        }
        body.add(html.append("</tbody>\n</table>").toString());
        return this;
    }

    /** Text shown as it was printed, in a fixed-width font, folded under {@code summary}. */
    public HtmlReport printed(String summary, String text) {
        body.add("<details><summary>" + escape(summary) + "</summary><pre>" + escape(text) + "</pre></details>");
        return this;
    }

    /** The figures of the report, written as JSON into the page (a record serialises to an object). */
    public HtmlReport figures(Object value) {
        this.figures = value;
        return this;
    }

    /** The page. */
    public String render() {
        ChartJs chartJs = ChartJs.load();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                // nothing may be fetched: scripts and styles are the inline ones, images only data: URLs
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(escape(title)).append("</h1>\n")
                .append("<noscript><p>The charts need JavaScript; every figure they draw is in the tables.</p>")
                .append("</noscript>\n");
        body.forEach(block -> html.append(block).append('\n'));
        html.append(jsonScript(FIGURES_ID, figures))
                .append(jsonScript(CHARTS_ID, charts))
                .append("<script>\n/* Chart.js ").append(chartJs.version()).append(", MIT licence */\n")
                .append(chartJs.source()).append("\n</script>\n")
                .append("<script>\n").append(DRAW).append("</script>\n")
                .append("</body>\n</html>\n");
        return html.toString();
    }

    /**
     * Writes the page to {@code file}, replacing it.
     *
     * @throws IOException naming the file, when it cannot be written
     */
    public void write(Path file) throws IOException {
        String page = render();
        try {
            Files.writeString(file, page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("cannot write the report " + file.toAbsolutePath().normalize() + ": "
                    + ReportFile.reason(e), e);
        }
    }

    /** Text as HTML character data or attribute value: the five characters HTML gives a meaning escaped. */
    public static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /**
     * A JSON data block: {@code <script type="application/json">}. Its text must not close the element, so the
     * characters {@code < > &} are written as JSON escapes, which only strings can hold and which parse back to the
     * same text.
     */
    private static String jsonScript(String id, Object value) {
        String json;
        try {
            json = MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        json = json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        return "<script type=\"application/json\" id=\"" + id + "\">" + json + "</script>\n";
    }
}
