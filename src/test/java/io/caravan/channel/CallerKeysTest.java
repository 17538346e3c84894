package io.caravan.channel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallerKeysTest {

    private final CallerKeys keys = new CallerKeys();

    @Test
    void should_key_a_mail_caller_on_the_sender_whatever_its_case() {
        assertThat(keys.mail(" Ana@Example.COM ")).isEqualTo("mail:ana@example.com");
        assertThat(keys.mail(null)).isEqualTo("mail:unknown");
    }

    @Test
    void should_key_a_jms_caller_on_the_broker_user_or_share_the_anonymous_key() {
        assertThat(keys.jms(null, "svc-billing")).isEqualTo("jms:svc-billing");
        assertThat(keys.jms("ana", "key-1a2b3c4d")).isEqualTo("principal:ana");
        assertThat(keys.jms(null, "")).isEqualTo("jms:anonymous");
    }

    @Test
    void should_prefer_the_principal_over_the_address_for_http() {
        assertThat(keys.http("alice", "10.0.0.1")).isEqualTo("principal:alice");
        assertThat(keys.http(null, "10.0.0.1")).isEqualTo("address:10.0.0.1");
    }
}
