package io.caravan.channel.jms;

import io.caravan.auth.ApiKey;
import io.caravan.auth.AuditLog;
import io.caravan.auth.AuthenticationException;
import io.caravan.auth.Authenticator;
import io.caravan.auth.Identity;
import io.caravan.auth.Role;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who asked a JMS question (docs/channels-and-sources.md#jms-authentication): the user the broker validated and
 * stamped on the message ({@code JMSXUserID}), never anything else the message says. The embedded broker stamps the
 * id of the API key the client logged in with; an external broker its own user name, which is looked up as a
 * principal of the key file. Thread safe.
 */
public class JmsCallers {

    private static final String CHANNEL = "jms";

    private final Authenticator authenticator;
    private final AuditLog audit;

    public JmsCallers(Authenticator authenticator, AuditLog audit) {
        this.authenticator = authenticator;
        this.audit = audit;
    }

    /**
     * The caller of a question message.
     *
     * @param validatedUser the message's {@code JMSXUserID}, or {@code null}
     * @throws AuthenticationException when authentication is on and the user is missing or has no valid key
     */
    public Identity identityOf(String validatedUser, String requestId) {
        if (!authenticator.isOn()) {
            return Identity.anonymous();
        }
        try {
            return lookUp(validatedUser);
        } catch (AuthenticationException e) {
            audit.authenticationFailed(requestId, CHANNEL, e.reason(), validatedUser);
            throw e;
        }
    }

    private Identity lookUp(String user) {
        if (user == null || user.isBlank()) {
            throw new AuthenticationException("missing", "the message has no broker-validated user (JMSXUserID): "
                    + "connect with a principal and its API key");
        }
        if (authenticator.keys() == null) {
            throw new AuthenticationException("unknown_key", "JMS callers are identified by API keys, and no key file "
                    + "is configured (caravan.auth.api-keys-file)");
        }
        List<ApiKey> keys = authenticator.keys().validKeyWithId(user)
                .map(List::of).orElseGet(() -> authenticator.keys().validKeysOf(user));
        if (keys.isEmpty()) {
            throw new AuthenticationException("unknown_key", "the user " + user + " has no valid API key");
        }
        return leastOf(keys);
    }

    /**
     * One principal with several keys (an external broker names only the principal): the groups all its keys share
     * and the lowest of their roles, so the user never gets more than any one of its keys grants.
     */
    private static Identity leastOf(List<ApiKey> keys) {
        Set<String> groups = new TreeSet<>(keys.get(0).groups());
        Role role = keys.get(0).role();
        for (ApiKey key : keys) {
            groups.retainAll(key.groups());
            role = key.role().compareTo(role) < 0 ? key.role() : role;
        }
        return new Identity(keys.get(0).principal(), groups, role);
    }
}
