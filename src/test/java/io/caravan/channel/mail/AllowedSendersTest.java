package io.caravan.channel.mail;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AllowedSendersTest {

    @Test
    void should_allow_listed_addresses_and_whole_domains_in_any_case() {
        // given
        AllowedSenders allowed = new AllowedSenders(List.of(" Ana@Example.com", "@partner.test", "corp.test"));

        // then
        assertThat(allowed.allows("ana@example.com")).isTrue();
        assertThat(allowed.allows("ANA@EXAMPLE.COM")).isTrue();
        assertThat(allowed.allows("bob@partner.test")).isTrue();
        assertThat(allowed.allows("carl@corp.test")).isTrue();
        assertThat(allowed.allows("bob@example.com")).as("only Ana of example.com").isFalse();
        assertThat(allowed.allows("eve@evil-partner.test")).isFalse();
        assertThat(allowed.allows("eve@sub.corp.test")).as("subdomains are not the domain").isFalse();
        assertThat(allowed.allows(null)).isFalse();
    }

    @Test
    void should_allow_nobody_when_empty() {
        // given
        AllowedSenders allowed = new AllowedSenders(List.of("", " "));

        // then
        assertThat(allowed.isEmpty()).isTrue();
        assertThat(allowed.allows("ana@example.com")).isFalse();
    }
}
