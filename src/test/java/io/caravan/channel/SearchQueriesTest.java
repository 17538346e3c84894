package io.caravan.channel;

import static io.caravan.channel.ApiExceptions.thrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.answer.Question;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SearchQueriesTest {

    private static final Set<String> GROUPS = Set.of("public");

    private final SearchQueries queries = new SearchQueries(50);

    @Test
    void should_read_the_query_and_k_as_a_question() {
        // when
        Question q = queries.read("  ledger  ", " 7 ", "req-1", GROUPS);

        // then
        assertThat(q.text()).isEqualTo("ledger");
        assertThat(q.topK()).isEqualTo(7);
        assertThat(q.requestId()).isEqualTo("req-1");
        assertThat(q.groups()).isEqualTo(GROUPS);
        assertThat(q.channel()).isEqualTo("http");
    }

    @Test
    void should_default_k_to_ten() {
        // when / then
        assertThat(queries.read("q", null, "r", GROUPS).topK()).isEqualTo(10);
        assertThat(queries.read("q", " ", "r", GROUPS).topK()).isEqualTo(10);
    }

    @Test
    void should_accept_k_at_both_ends_of_the_range() {
        // when / then
        assertThat(queries.read("q", "1", "r", GROUPS).topK()).isEqualTo(1);
        assertThat(queries.read("q", "50", "r", GROUPS).topK()).isEqualTo(50);
    }

    @Test
    void should_reject_a_missing_or_blank_query() {
        // when / then
        assertThat(thrownBy(() -> queries.read(null, null, "r", GROUPS), 400).getMessage()).contains("\"q\"");
        assertThat(thrownBy(() -> queries.read("  ", null, "r", GROUPS), 400).getMessage()).contains("\"q\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "2.5", "0x10", "99999999999"})
    void should_reject_a_k_that_is_not_an_integer(String k) {
        // when / then
        assertThat(thrownBy(() -> queries.read("q", k, "r", GROUPS), 400).getMessage())
                .contains("\"k\"").contains(k);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "51"})
    void should_reject_a_k_out_of_range(String k) {
        // when / then
        assertThat(thrownBy(() -> queries.read("q", k, "r", GROUPS), 400).getMessage())
                .contains("\"k\"").contains("50");
    }
}
