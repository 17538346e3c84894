package io.caravan.channel.mail;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuotedTextTest {

    @Test
    void should_keep_the_question_and_drop_signature_and_quoted_history() {
        // given
        String body = "Hello,\r\n\r\nHow many vacation days do we get?\r\n\r\n-- \r\nAna\r\nHR\r\n\r\n"
                + "On Mon, 2 Jun 2025 at 10:00, Bob <bob@example.com> wrote:\r\n> something else\r\n";

        // then
        assertThat(QuotedText.strip(body)).isEqualTo("Hello,\n\nHow many vacation days do we get?");
    }

    @Test
    void should_cut_at_a_two_line_attribution_and_an_outlook_header_block() {
        assertThat(QuotedText.strip("Where is the office?\n\nOn Mon, 2 Jun 2025 at 10:00, Bob Example\n"
                + "<bob@example.com> wrote:\n> earlier")).isEqualTo("Where is the office?");
        assertThat(QuotedText.strip("Where is the office?\n\nFrom: Bob Example\nSent: Monday, June 2, 2025\n"
                + "To: Ana\nSubject: office\n\nearlier")).isEqualTo("Where is the office?");
        assertThat(QuotedText.strip("Where is the office?\n-----Original Message-----\nearlier"))
                .isEqualTo("Where is the office?");
    }

    @Test
    void should_drop_inline_quotes_and_mobile_signatures_but_keep_the_own_lines_between() {
        assertThat(QuotedText.strip("> Do you mean Paris?\nYes, the Paris office: where is it?\n\nSent from my phone"))
                .isEqualTo("Yes, the Paris office: where is it?");
    }

    @Test
    void should_keep_a_body_without_quotes_as_it_is() {
        assertThat(QuotedText.strip("  What does \"from: to\" mean?  \n")).isEqualTo("What does \"from: to\" mean?");
        assertThat(QuotedText.strip(null)).isEmpty();
    }
}
