package io.caravan.config;

import io.caravan.auth.ApiKeyFile;
import io.caravan.auth.ApiKeys;
import io.caravan.auth.AuditLog;
import io.caravan.auth.Authenticator;
import io.caravan.auth.CredentialFailures;
import io.caravan.channel.HttpAuthentication;
import io.caravan.auth.JwtVerifier;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


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

    static Auth bind(CamelContext context, AuthSettings auth, CoreBeans core) throws Exception {
        Registry registry = context.getRegistry();
        ApiKeys keys = auth.apiKeysFile() == null ? null : new ApiKeys(new ApiKeyFile(auth.apiKeysFile()));
        JwtVerifier tokens = null;
        if (auth.jwt() != null) {
            tokens = new JwtVerifier(auth.jwt());
            // its key refresh runs in the background until the context stops
            JwtVerifier verifier = tokens;
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    verifier.close();
                }
            }, true, true);
        }
        Authenticator authenticator = new Authenticator(keys, tokens == null ? null : tokens::verify);
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
