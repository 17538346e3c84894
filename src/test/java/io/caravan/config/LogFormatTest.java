package io.caravan.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * caravan.log.format switches the packaged logback.xml between its text lines and JSON objects carrying the MDC under
 * their field names (docs/operations.md#logs). Switches this JVM's logging, and back to text after each test.
 */
class LogFormatTest {

    private static final Logger LOG = LoggerFactory.getLogger("caravan.ask");

    @AfterEach
    void backToText() {
        LogFormat.apply("text");
    }

    @Test
    void should_write_one_json_object_per_line_with_the_mdc_renamed() throws Exception {
        // given
        LogFormat.apply("json");
        MDC.put("CaravanRequestId", "r-1");
        MDC.put("CaravanDocId", "hr/leave.md");
        MDC.put("CaravanPrincipal", "ana");
        MDC.put("CaravanTraceId", "0af7651916cd43dd8448eb211c80319c");
        MDC.put("CaravanSpanId", "b7ad6b7169203331");
        MDC.put("camel.routeId", "ask");
        MDC.put("camel.threadId", "main");

        // when
        List<String> lines;
        try {
            lines = captured(() -> LOG.info("question answered requestId=r-1 channel=http"));
        } finally {
            MDC.clear();
        }

        // then
        assertThat(lines).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        assertThat(line.get("message").asText()).isEqualTo("question answered requestId=r-1 channel=http");
        assertThat(line.get("logger").asText()).isEqualTo("caravan.ask");
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("requestId").asText()).isEqualTo("r-1");
        assertThat(line.get("docId").asText()).isEqualTo("hr/leave.md");
        assertThat(line.get("principal").asText()).isEqualTo("ana");
        assertThat(line.get("trace_id").asText()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(line.get("span_id").asText()).isEqualTo("b7ad6b7169203331");
        assertThat(line.get("camel.routeId").asText()).isEqualTo("ask");
        assertThat(line.has("camel.threadId")).as("the thread is a field of its own").isFalse();
        assertThat(line.has("timestamp")).isTrue();
    }

    @Test
    void should_keep_the_text_lines_by_default() throws Exception {
        // given the default format, after a switch to JSON and back
        LogFormat.apply("json");
        LogFormat.apply("TEXT");
        MDC.put("CaravanRequestId", "r-2");

        // when
        List<String> lines;
        try {
            lines = captured(() -> LOG.info("question answered requestId=r-2"));
        } finally {
            MDC.clear();
        }

        // then the pattern of old: date, level, thread, logger, message; the MDC is not shown
        assertThat(lines).singleElement().asString()
                .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} INFO  \\[[^]]+] caravan.ask - "
                        + "question answered requestId=r-2");
    }

    @Test
    void should_refuse_another_format() {
        assertThatThrownBy(() -> LogFormat.apply("xml")).hasMessageContaining("caravan.log.format must be text or json");
    }

    // the console appender writes to whatever System.out is when a line is logged
    private static List<String> captured(Runnable logging) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            logging.run();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
