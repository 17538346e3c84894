package io.caravan.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Reads back what an HTML report holds: its JSON data blocks, and its text without the inlined library. */
public final class ReportPages {

    private ReportPages() {
    }

    /** The figures a report inlines, read as {@code type}. */
    public static <T> T figures(String html, Class<T> type) {
        try {
            return Json.newMapper().readValue(jsonText(html, HtmlReport.FIGURES_ID), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Chart.js configurations a report inlines: {@code [{canvas, config}, ...]}. */
    public static JsonNode charts(String html) {
        try {
            return Json.newMapper().readTree(jsonText(html, HtmlReport.CHARTS_ID));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page without the Chart.js source, which the report inlines verbatim. */
    public static String withoutLibrary(String html) {
        String source = ChartJs.load().source();
        if (!html.contains(source)) {
            throw new AssertionError("Chart.js is not inlined in the report");
        }
        return html.replace(source, "");
    }

    /** The text of the {@code <script type="application/json">} element with this id. */
    static String jsonText(String html, String id) {
        String open = "<script type=\"application/json\" id=\"" + id + "\">";
        int start = html.indexOf(open);
        if (start < 0) {
            throw new AssertionError("no JSON block " + id + " in the report");
        }
        start += open.length();
        return html.substring(start, html.indexOf("</script>", start));
    }
}
