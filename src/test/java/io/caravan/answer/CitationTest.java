package io.caravan.answer;

import io.caravan.index.Chunk;
import io.caravan.index.Hit;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CitationTest {

    @Test
    void should_carry_the_section_and_a_quote_past_the_snippet_cut_inside_the_snippet() {
        // given: the quoted sentence starts after 600 characters of a passage under a heading path
        String quote = "Parental leave lasts sixteen weeks.";
        String content = "Leave\n" + "Employees plan their leave with the lead well ahead of time. ".repeat(10)
                + quote + " Requests go through the portal.";
        Hit hit = new Hit(new Chunk("handbook.pdf#3", "handbook.pdf", "file", "Handbook", content, "Leave > Parents",
                4, 3, "hash", "application/pdf", List.of("public"), null, null, null, "model"), 0.8);

        // when
        Citation citation = Citation.of(1, hit, quote, 300);

        // then
        assertThat(citation.section()).isEqualTo("Leave > Parents");
        assertThat(citation.page()).isEqualTo(4);
        assertThat(citation.quote()).isEqualTo(quote);
        assertThat(citation.snippet()).contains(quote).startsWith("…").endsWith("Requests go through the portal.");
        assertThat(citation.snippet().length()).isLessThanOrEqualTo(302);
    }

    @Test
    void should_refuse_a_quote_that_is_not_part_of_the_snippet() {
        assertThatThrownBy(() -> new Citation(1, "a.txt", "file", "A", "", null, "alpha beta", "gamma", 1.0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Citation(1, "a.txt", "file", "A", null, null, "alpha beta", null, 1.0).section()).isEmpty();
    }
}
