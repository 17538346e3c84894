package io.caravan.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TermAnalyzerTest {

    private final TermAnalyzer analyzer = new TermAnalyzer();

    @Test
    void should_lower_case_stem_and_drop_stop_words() {
        // when
        var terms = analyzer.terms("The Ledgers are running");

        // then
        assertThat(terms).containsExactly("ledger", "run");
    }

    @Test
    void should_keep_duplicates_in_order() {
        // when / then
        assertThat(analyzer.terms("ledger index ledger")).containsExactly("ledger", "index", "ledger");
    }

    @Test
    void should_return_no_terms_for_stop_words_only() {
        // when / then
        assertThat(analyzer.terms("it is the")).isEmpty();
        assertThat(analyzer.terms("")).isEmpty();
    }
}
