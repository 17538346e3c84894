package io.caravan.channel.mail;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class AutomatedMailTest {

    @Test
    void should_recognise_auto_replies_bulk_mail_and_bounces() throws Exception {
        assertThat(reason("Auto-Submitted: auto-replied\n", "ana@example.com")).startsWith("Auto-Submitted");
        assertThat(reason("X-Autoreply: yes\n", "ana@example.com")).isEqualTo("X-Autoreply header");
        assertThat(reason("X-Autorespond: yes\n", "ana@example.com")).isEqualTo("X-Autorespond header");
        assertThat(reason("Precedence: bulk\n", "ana@example.com")).isEqualTo("Precedence: bulk");
        assertThat(reason("Precedence: list\n", "ana@example.com")).isEqualTo("Precedence: list");
        assertThat(reason("", "mailer-daemon@example.com")).isEqualTo("sent by mailer-daemon@example.com");
        assertThat(reason("", "postmaster@example.com")).isEqualTo("sent by postmaster@example.com");
        assertThat(reason("Return-Path: <>\n", "ana@example.com")).contains("null Return-Path");
        assertThat(reason("Content-Type: multipart/report; report-type=delivery-status; boundary=b\n",
                "ana@example.com")).contains("multipart/report");
    }

    @Test
    void should_take_a_person_s_mail_for_what_it_is() throws Exception {
        assertThat(reason("Auto-Submitted: no\nPrecedence: first-class\nReturn-Path: <ana@example.com>\n",
                "ana@example.com")).isNull();
    }

    private static String reason(String headers, String sender) throws Exception {
        String raw = "From: " + sender + "\nSubject: hi\n" + headers + "\nbody\n";
        MimeMessage message = new MimeMessage(Session.getInstance(new java.util.Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        return AutomatedMail.reason(message, sender);
    }
}
