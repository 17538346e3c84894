package io.caravan.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md lists exactly the {@code caravan.*} keys of application.properties, each with its default.
 * A key is listed by a Markdown table row whose first cell is the key alone in backticks; the second cell is its
 * default, in backticks, or the word {@code empty}.
 */
class ConfigurationDocsTest {

    private static final Path PROPERTIES = Path.of("application.properties");
    private static final Path DOC = Path.of("docs", "configuration.md");

    private static final Pattern LISTED_KEY = Pattern.compile("`(caravan\\.[a-z0-9.-]+)`");
    private static final Pattern DEFAULT = Pattern.compile("`([^`]*)`");

    /** One table row of the doc that lists a key. */
    private record Row(String key, String defaultCell, int line) {
    }

    @Test
    void should_list_every_caravan_key_of_application_properties() throws IOException {
        // given
        TreeSet<String> keys = new TreeSet<>(caravanKeys().keySet());

        // when
        TreeSet<String> listed = new TreeSet<>(listedRows().keySet());

        // then
        assertThat(keys).isNotEmpty();
        TreeSet<String> unlisted = new TreeSet<>(keys);
        unlisted.removeAll(listed);
        assertThat(unlisted).as("keys of %s that %s does not list", PROPERTIES, DOC).isEmpty();
    }

    @Test
    void should_list_no_caravan_key_that_application_properties_does_not_have() throws IOException {
        // given
        TreeSet<String> keys = new TreeSet<>(caravanKeys().keySet());

        // when
        TreeSet<String> listed = new TreeSet<>(listedRows().keySet());

        // then
        assertThat(listed).isNotEmpty();
        TreeSet<String> unknown = new TreeSet<>(listed);
        unknown.removeAll(keys);
        assertThat(unknown).as("keys %s lists that %s does not have", DOC, PROPERTIES).isEmpty();
    }

    @Test
    void should_give_each_listed_key_the_default_of_application_properties() throws IOException {
        // given
        Map<String, String> keys = caravanKeys();

        // when
        Map<String, Row> listed = listedRows();

        // then
        List<String> wrong = new ArrayList<>();
        listed.values().stream().filter(row -> keys.containsKey(row.key())).forEach(row -> {
            String value = keys.get(row.key());
            String expected = value.isEmpty() ? "empty" : "`" + value + "`";
            if (!row.defaultCell().equals(expected)) {
                wrong.add(row.key() + " (line " + row.line() + "): the doc says " + row.defaultCell()
                        + ", the file " + expected);
            }
        });
        assertThat(wrong).as("defaults in %s that differ from %s", DOC, PROPERTIES).isEmpty();
    }

    @Test
    void should_list_each_key_once_and_alone_in_the_first_cell_of_its_row() throws IOException {
        // given
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);

        // when
        List<String> malformed = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String firstCell = firstCell(lines.get(i));
            if (firstCell == null || !firstCell.contains("caravan.")) {
                continue;
            }
            Matcher key = LISTED_KEY.matcher(firstCell);
            if (!key.matches()) {
                malformed.add("line " + (i + 1) + ": first cell is not one key in backticks: " + firstCell);
            } else if (seen.put(key.group(1), i + 1) != null) {
                malformed.add("line " + (i + 1) + ": " + key.group(1) + " is listed twice");
            }
        }

        // then
        assertThat(malformed).isEmpty();
    }

    /** The {@code caravan.*} keys of application.properties with their values, stripped. */
    private static Map<String, String> caravanKeys() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(PROPERTIES, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (String name : new TreeSet<>(properties.stringPropertyNames())) {
            if (name.startsWith("caravan.")) {
                keys.put(name, properties.getProperty(name).strip());
            }
        }
        return keys;
    }

    /** The rows of docs/configuration.md whose first cell is one key in backticks, by key. */
    private static Map<String, Row> listedRows() throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        Map<String, Row> rows = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String firstCell = firstCell(lines.get(i));
            Matcher key = firstCell == null ? null : LISTED_KEY.matcher(firstCell);
            if (key != null && key.matches()) {
                rows.put(key.group(1), new Row(key.group(1), secondCell(lines.get(i)), i + 1));
            }
        }
        return rows;
    }

    // a table row is a line starting with "|"; cells are separated by "|" (the doc has no escaped pipes)
    private static String firstCell(String line) {
        String[] cells = cells(line);
        return cells.length > 1 ? cells[1].strip() : null;
    }

    private static String secondCell(String line) {
        String[] cells = cells(line);
        if (cells.length <= 2) {
            return "";
        }
        String cell = cells[2].strip();
        Matcher value = DEFAULT.matcher(cell);
        return value.matches() ? "`" + value.group(1).strip() + "`" : cell;
    }

    private static String[] cells(String line) {
        return line.startsWith("|") ? line.split("\\|", -1) : new String[0];
    }
}
