package io.caravan.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HtmlReportTest {

    private static final String HOSTILE = "<script>alert('x')</script> & \"quoted\"";

    @TempDir
    Path temp;

    @Test
    void should_inline_chart_js_and_refer_to_nothing_outside_the_file() {
        // given
        HtmlReport report = new HtmlReport("a report")
                .chart(Chart.bars("a chart").labels(List.of("a", "b")).series("s", List.of(1, 2)))
                .table(new Table("a table", List.of("x", "y"), List.of(List.of("a", "1"))));

        // when
        String html = report.render();

        // then: the library is in the file, with its version, and no source map is asked for
        ChartJs chartJs = ChartJs.load();
        assertThat(chartJs.version()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(html.contains(chartJs.source())).as("Chart.js inlined").isTrue();
        assertThat(html.contains("sourceMappingURL")).as("a source map reference").isFalse();
        // and: no element loads anything (no src or href attribute, no stylesheet link), the library included
        assertThat(Pattern.compile("\\b(src|href)\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find())
                .as("a src or href attribute").isFalse();
        assertThat(html.toLowerCase(Locale.ROOT).contains("<link")).as("a link element").isFalse();
        // and: the rest of the page names no address at all (the library's licence banner names its web site),
        // no style loads anything, and the browser is told to fetch nothing
        assertThat(ReportPages.withoutLibrary(html)).contains("Chart.js " + chartJs.version())
                .doesNotContainIgnoringCase("http:").doesNotContainIgnoringCase("https:")
                .doesNotContainIgnoringCase("url(").doesNotContainIgnoringCase("@import")
                .contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';");
    }

    @Test
    void should_escape_text_in_the_title_headings_paragraphs_tables_and_chart_labels() {
        // given
        HtmlReport report = new HtmlReport(HOSTILE).heading(HOSTILE).paragraph(HOSTILE)
                .chart(Chart.bars(HOSTILE).labels(List.of(HOSTILE)).series(HOSTILE, List.of(1)))
                .table(new Table(HOSTILE, List.of(HOSTILE), List.of(List.of(HOSTILE))))
                .printed(HOSTILE, HOSTILE);

        // when
        String html = ReportPages.withoutLibrary(report.render());

        // then: the text shows as text: the only script elements are the report's own four
        assertThat(html).doesNotContain("<script>alert")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;");
        assertThat(html.split("<script", -1)).hasSize(1 + 4);
        // and: in the chart data, the text parses back as it was
        assertThat(ReportPages.charts(html).get(0).at("/config/data/labels/0").asText()).isEqualTo(HOSTILE);
    }

    @Test
    void should_inline_figures_that_parse_back_to_themselves__even_text_that_would_close_the_script() {
        // given
        Table figures = new Table("</script><script>alert(1)</script>", List.of("a & b"), List.of(List.of("<!--")));

        // when
        String html = new HtmlReport("figures").figures(figures).render();

        // then
        assertThat(ReportPages.jsonText(html, HtmlReport.FIGURES_ID)).doesNotContain("<").doesNotContain(">")
                .doesNotContain("&");
        assertThat(ReportPages.figures(html, Table.class)).isEqualTo(figures);
    }

    @Test
    void should_read_without_javascript__tables_shown_and_charts_hidden_until_drawn() {
        // given
        HtmlReport report = new HtmlReport("r").chart(Chart.bars("c").labels(List.of("a")).series("s", List.of(1)))
                .table(new Table("t", List.of("mode", "nDCG@10"), List.of(List.of("bm25", "0.6910"))));

        // when
        String html = report.render();

        // then: the table is plain HTML, with its figure right-aligned; the chart's figure shows once scripts run
        assertThat(html).contains("<tr><td>bm25</td><td class=\"number\">0.6910</td></tr>")
                .contains("figure.chart { display: none;").contains(".js figure.chart { display: block; }")
                .contains("document.documentElement.classList.add('js')").contains("<noscript>");
    }

    @Test
    void should_write_the_page__and_say_which_file_could_not_be_written() throws IOException {
        // given
        HtmlReport report = new HtmlReport("r");
        Path file = temp.resolve("report.html");
        Path missing = temp.resolve("no-such-folder").resolve("report.html");

        // when
        report.write(file);

        // then
        assertThat(Files.readString(file)).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThatThrownBy(() -> report.write(missing)).isInstanceOf(IOException.class)
                .hasMessage("cannot write the report " + missing + ": no such file or folder");
    }
}
