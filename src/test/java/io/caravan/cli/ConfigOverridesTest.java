package io.caravan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigOverridesTest {

    @Test
    void should_parse_key_value_arguments_in_order() {
        // when
        Map<String, String> overrides = ConfigOverrides.parse(
                List.of("--caravan.http.port=9090", "--caravan.ingest.acl=public,staff", "--a=b"));

        // then
        assertThat(overrides).containsExactly(Map.entry("caravan.http.port", "9090"),
                Map.entry("caravan.ingest.acl", "public,staff"), Map.entry("a", "b"));
    }

    @Test
    void should_keep_everything_after_the_first_equals_sign_as_the_value() {
        // when / then
        assertThat(ConfigOverrides.parse(List.of("--caravan.x=a=b", "--caravan.empty=")))
                .containsEntry("caravan.x", "a=b")
                .containsEntry("caravan.empty", "");
    }

    @Test
    void should_let_a_later_argument_override_an_earlier_one() {
        // when / then
        assertThat(ConfigOverrides.parse(List.of("--k=1", "--k=2"))).containsExactly(Map.entry("k", "2"));
    }

    @Test
    void should_return_no_overrides_for_no_arguments() {
        // when / then
        assertThat(ConfigOverrides.parse(List.of())).isEmpty();
        assertThat(ConfigOverrides.parse(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"caravan.http.port=9090", "-k=v", "--caravan.http.port", "--=v", "--", "question"})
    void should_reject_arguments_that_are_not_key_value(String arg) {
        // when / then
        assertThatThrownBy(() -> ConfigOverrides.parse(List.of("--ok=1", arg)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + arg + "'")
                .hasMessageContaining("--key=value");
    }
}
