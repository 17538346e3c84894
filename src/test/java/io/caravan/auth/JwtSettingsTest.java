package io.caravan.auth;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtSettingsTest {

    private static final String ISSUER = "https://login.example.com/realms/caravan";

    @Test
    void should_fill_every_unset_setting_with_its_default() {
        JwtSettings settings = JwtSettings.defaults(ISSUER, "caravan");

        assertThat(settings.jwksUrl()).isNull();
        assertThat(settings.principalClaim()).isEqualTo("sub");
        assertThat(settings.groupsClaim()).isEqualTo("groups");
        assertThat(settings.roleClaim()).isEqualTo("caravan_role");
        assertThat(settings.defaultRole()).isEqualTo(Role.READER);
        assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.jwksCacheLifetime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.jwksRefetchMinInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.httpTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void should_take_blank_claim_names_for_the_defaults() {
        JwtSettings settings = new JwtSettings(ISSUER, null, "caravan", " ", "", null, null, null, null, null, null);

        assertThat(settings.principalClaim()).isEqualTo("sub");
        assertThat(settings.groupsClaim()).isEqualTo("groups");
    }

    @Test
    void should_require_an_audience() {
        assertThatThrownBy(() -> JwtSettings.defaults(ISSUER, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audience is required");
    }

    @Test
    void should_require_http_urls_for_issuer_and_jwks_url() {
        assertThatThrownBy(() -> JwtSettings.defaults(null, "caravan")).hasMessageContaining("issuer is required");
        assertThatThrownBy(() -> JwtSettings.defaults("login.example.com", "caravan")).hasMessageContaining("issuer");
        assertThatThrownBy(() -> new JwtSettings(ISSUER, URI.create("file:///etc/jwks.json"), "caravan",
                null, null, null, null, null, null, null, null)).hasMessageContaining("jwks-url");
    }

    @Test
    void should_refuse_cache_timings_the_key_cache_cannot_honour() {
        assertThatThrownBy(() -> new JwtSettings(ISSUER, null, "caravan", null, null, null, null, null,
                Duration.ofSeconds(30), null, null)).hasMessageContaining("jwks-cache-lifetime");
        assertThatThrownBy(() -> new JwtSettings(ISSUER, null, "caravan", null, null, null, null, null,
                Duration.ofMinutes(2), Duration.ofMinutes(2), null)).hasMessageContaining("jwks-refetch-min-interval");
        assertThatThrownBy(() -> new JwtSettings(ISSUER, null, "caravan", null, null, null, null,
                Duration.ofSeconds(-1), null, null, null)).hasMessageContaining("clock-skew");
        assertThatThrownBy(() -> new JwtSettings(ISSUER, null, "caravan", null, null, null, null, null, null, null,
                Duration.ZERO)).hasMessageContaining("http-timeout");
    }

    @Test
    void should_find_the_discovery_document_under_the_issuer_without_its_trailing_slash() {
        assertThat(OidcDiscovery.documentUri(ISSUER + "/"))
                .isEqualTo(URI.create(ISSUER + "/.well-known/openid-configuration"));
        assertThat(OidcDiscovery.documentUri(ISSUER))
                .isEqualTo(URI.create(ISSUER + "/.well-known/openid-configuration"));
    }
}
