package io.caravan.config;

import io.caravan.auth.ApiKeyFile;
import io.caravan.auth.ApiKeys;
import io.caravan.auth.AuditLog;
import io.caravan.auth.Authenticator;
import io.caravan.auth.CredentialFailures;
import io.caravan.auth.Identity;
import io.caravan.channel.HttpAuthentication;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;

/**
 * The beans of authentication (docs/http-api.md#authentication): the API keys, the token verifier, the
 * {@code authenticator} every channel asks, the HTTP checks and the audit log.
 */
final class AuthBeans {

    private static final Logger LOG = LoggerFactory.getLogger(AuthBeans.class);

    private AuthBeans() {
    }

    /** What the channels' binders need from here. */
    record Auth(Authenticator authenticator, AuditLog audit) {
    }

    static Auth bind(Registry registry, AuthSettings auth, CoreBeans core) {
        ApiKeys keys = auth.apiKeysFile() == null ? null : new ApiKeys(new ApiKeyFile(auth.apiKeysFile()));
        Function<String, Identity> tokens = auth.jwt() == null ? null : JwtVerifiers.of(auth.jwt());
        Authenticator authenticator = new Authenticator(keys, tokens);
        AuditLog audit = new AuditLog(core.meters());
        registry.bind("authenticator", authenticator);
        registry.bind("auditLog", audit);
        registry.bind("httpAuthentication", new HttpAuthentication(authenticator,
                new CredentialFailures(auth.failureLimit(), auth.failureWindow()), audit, auth.metricsOpen()));
        if (authenticator.isOn()) {
            LOG.info("authentication is on: {}{}", keys == null ? "" : "API keys from " + auth.apiKeysFile(),
                    auth.jwt() == null ? "" : (keys == null ? "" : " and ") + "tokens of " + auth.jwt().issuer());
        } else {
            LOG.warn("authentication is off: every caller is anonymous, in group 'public' (set "
                    + "caravan.auth.api-keys-file or caravan.auth.jwt.issuer to turn it on)");
        }
        return new Auth(authenticator, audit);
    }
}
