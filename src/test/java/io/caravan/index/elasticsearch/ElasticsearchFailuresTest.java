package io.caravan.index.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import java.io.IOException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.Test;

class ElasticsearchFailuresTest {

    @Test
    void should_name_authentication_and_the_keys_when_the_cluster_answers_401() {
        // given
        ElasticsearchException refused = refusal(401, "security_exception", "unable to authenticate user [caravan]");

        // when
        String reason = ElasticsearchFailures.reason(refused);

        // then
        assertThat(reason).contains("authentication failed").contains("caravan.elasticsearch.password")
                .contains("caravan.elasticsearch.api-key");
    }

    @Test
    void should_name_authorization_and_keep_the_clusters_reason_when_it_answers_403() {
        // given
        ElasticsearchException denied = refusal(403, "security_exception",
                "action [indices:admin/create] is unauthorized");

        // when
        String reason = ElasticsearchFailures.reason(denied);

        // then
        assertThat(reason).contains("not authorized").contains("indices:admin/create");
    }

    @Test
    void should_point_at_the_ca_certificate_key_when_the_certificate_is_not_trusted() {
        // given: the shape of the JDK's "PKIX path building failed" as the client rethrows it
        CertificateException validator = new CertificateException("PKIX path building failed: "
                + "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path",
                new CertPathBuilderException("unable to find valid certification path to requested target"));
        SSLHandshakeException handshake = new SSLHandshakeException(validator.getMessage());
        handshake.initCause(validator);

        // when
        String reason = ElasticsearchFailures.reason(handshake);

        // then
        assertThat(reason).contains("TLS handshake").contains("caravan.elasticsearch.ca-certificate")
                .contains("(unable to find valid certification path to requested target)").doesNotContain("PKIX");
    }

    @Test
    void should_say_the_host_name_does_not_match_the_certificate() {
        // when
        String reason = ElasticsearchFailures.reason(new IOException("wrapped",
                new SSLPeerUnverifiedException("Host name 'es1' does not match the certificate subject")));

        // then
        assertThat(reason).contains("TLS handshake").contains("does not name the host").contains("es1");
    }

    @Test
    void should_keep_the_clients_message_for_anything_else() {
        assertThat(ElasticsearchFailures.reason(new IOException("Connection refused"))).isEqualTo("Connection refused");
    }

    private static ElasticsearchException refusal(int status, String type, String reason) {
        return new ElasticsearchException("es/indices.create", ErrorResponse.of(e -> e.status(status)
                .error(c -> c.type(type).reason(reason))));
    }
}
