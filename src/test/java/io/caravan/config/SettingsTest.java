package io.caravan.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsTest {

    private static final String KEY = "caravan.test.value";

    // the properties component converts values through its context's type converter
    private static final CamelContext CONTEXT = new DefaultCamelContext();

    @AfterAll
    static void closeContext() throws Exception {
        CONTEXT.close();
    }

    private static Settings settingsWith(String value) {
        Properties properties = new Properties();
        if (value != null) {
            properties.setProperty(KEY, value);
        }
        properties.setProperty("caravan.other", "x");
        PropertiesComponent component = new PropertiesComponent();
        component.setCamelContext(CONTEXT);
        component.setInitialProperties(properties);
        component.start();
        return new Settings(component);
    }

    @ParameterizedTest
    @CsvSource({"30s, PT30S", "500ms, PT0.5S", "2m, PT2M", "1h, PT1H", "PT1M, PT1M", "pt45s, PT45S",
            "' 10s ', PT10S", "0s, PT0S"})
    void should_read_durations(String value, String expected) {
        // when / then
        assertThat(settingsWith(value).duration(KEY)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "abc", "1.5s", "5d", "s", "ms", "PT", "PTxS", "thirty seconds"})
    void should_reject_bad_durations_naming_the_key(String value) {
        // when / then
        assertThatThrownBy(() -> settingsWith(value).duration(KEY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(KEY)
                .hasMessageContaining("duration");
    }

    @Test
    void should_reject_an_empty_duration_naming_the_key() {
        // when / then
        assertThatThrownBy(() -> settingsWith("").duration(KEY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(KEY);
    }

    @ParameterizedTest
    @CsvSource({"50MB, 52428800", "64KB, 65536", "123, 123", "1GB, 1073741824", "12B, 12", "'50 mb', 52428800",
            "0, 0"})
    void should_read_sizes(String value, long expected) {
        // when / then
        assertThat(settingsWith(value).bytes(KEY)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "1.5MB", "MB", "10TB", "", "9999999999999GB"})
    void should_reject_bad_sizes_naming_the_key(String value) {
        // when / then
        assertThatThrownBy(() -> settingsWith(value).bytes(KEY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(KEY)
                .hasMessageContaining("size");
    }

    @Test
    void should_read_a_comma_separated_list_without_blanks() {
        // when / then
        assertThat(settingsWith(" public, staff ,, admins ,").list(KEY)).containsExactly("public", "staff", "admins");
        assertThat(settingsWith("").list(KEY)).isEmpty();
        assertThat(settingsWith("one").list(KEY)).containsExactly("one");
    }

    @Test
    void should_read_booleans_in_any_case() {
        // when / then
        assertThat(settingsWith("true").bool(KEY)).isTrue();
        assertThat(settingsWith("FALSE").bool(KEY)).isFalse();
        assertThat(settingsWith(" True ").bool(KEY)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "on", ""})
    void should_reject_values_other_than_true_or_false(String value) {
        // when / then
        assertThatThrownBy(() -> settingsWith(value).bool(KEY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(KEY)
                .hasMessageContaining("true or false");
    }

    @Test
    void should_read_integers_and_reject_others_naming_the_key() {
        // when / then
        assertThat(settingsWith(" 42 ").integer(KEY)).isEqualTo(42);
        assertThatThrownBy(() -> settingsWith("4.2").integer(KEY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(KEY)
                .hasMessageContaining("integer")
                .hasMessageContaining("4.2");
    }

    @Test
    void should_read_strings_stripped_and_paths_absolute() {
        // when / then
        assertThat(settingsWith("  hello  ").string(KEY)).isEqualTo("hello");
        Path path = settingsWith("data/../data/index").path(KEY);
        assertThat(path).isAbsolute().isEqualTo(Path.of("data/index").toAbsolutePath());
    }

    @Test
    void should_fail_clearly_for_a_missing_key() {
        // given
        Settings settings = settingsWith(null);

        // when / then
        for (var read : new java.util.ArrayList<org.assertj.core.api.ThrowableAssert.ThrowingCallable>(
                java.util.List.of(() -> settings.string(KEY), () -> settings.duration(KEY),
                        () -> settings.bytes(KEY), () -> settings.bool(KEY), () -> settings.list(KEY),
                        () -> settings.integer(KEY)))) {
            assertThatThrownBy(read)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("configuration key " + KEY + " is not set");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5s", "-1ms", "PT-1S"})
    void should_reject_negative_durations_naming_the_key(String value) {
        // when / then
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> settingsWith(value).duration(KEY))
                .hasMessageContaining(KEY).hasMessageContaining("zero or more");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-1MB"})
    void should_reject_negative_sizes_naming_the_key(String value) {
        // when / then
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> settingsWith(value).bytes(KEY))
                .hasMessageContaining(KEY).hasMessageContaining("zero or more");
    }
}
