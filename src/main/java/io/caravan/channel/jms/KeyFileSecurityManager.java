package io.caravan.channel.jms;

import io.caravan.auth.ApiKey;
import io.caravan.auth.ApiKeys;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.security.auth.Subject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates the embedded broker's connections against Caravan's API keys
 * (docs/channels-and-sources.md#jms-authentication): the user is a key's principal, the password the key. The
 * validated user the broker stamps on each message ({@code JMSXUserID}) is the key's id, so the question is
 * answered with that key's groups as the key file says at that moment, never with groups a message claims, and a
 * revoked key's questions are refused. Caravan's own connection logs in as {@link #INTERNAL_USER} with a password
 * made at start and known to no one else. A caller may send questions and use its reply queues; only Caravan
 * consumes the questions and dead-letter queues, and nobody manages the broker. Thread safe.
 */
public class KeyFileSecurityManager implements ActiveMQSecurityManager5 {

    /** The user of Caravan's own connection. */
    public static final String INTERNAL_USER = "caravan-internal";

    private static final Logger LOG = LoggerFactory.getLogger(KeyFileSecurityManager.class);
    private static final String CARAVAN_ROLE = "caravan";
    private static final String CALLER_ROLE = "caller";

    private final ApiKeys keys;
    private final byte[] internalPassword;
    private final String questionsQueue;
    private final Set<String> caravanOnly;

    /**
     * @param keys             the API keys, or {@code null} when only Caravan itself may connect
     * @param internalPassword the password of {@link #INTERNAL_USER}
     * @param questionsQueue   where callers may send but not consume
     * @param deadLetterQueues queues only Caravan may read (they hold other callers' questions)
     */
    public KeyFileSecurityManager(ApiKeys keys, String internalPassword, String questionsQueue,
                                  Set<String> deadLetterQueues) {
        this.keys = keys;
        this.internalPassword = internalPassword.getBytes(StandardCharsets.UTF_8);
        this.questionsQueue = questionsQueue;
        this.caravanOnly = Set.copyOf(deadLetterQueues);
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String domain) {
        if (user == null || password == null) {
            return null;
        }
        if (INTERNAL_USER.equals(user)) {
            return MessageDigest.isEqual(internalPassword, password.getBytes(StandardCharsets.UTF_8))
                    ? subject(INTERNAL_USER, CARAVAN_ROLE) : null;
        }
        Optional<ApiKey> key = keys == null ? Optional.empty() : keys.find(password);
        if (key.isEmpty() || !key.get().isValid() || !key.get().principal().equals(user)) {
            LOG.debug("JMS login refused user={}", user);
            return null;
        }
        return subject(key.get().id(), CALLER_ROLE);
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        if (subject == null) {
            return false;
        }
        if (!subject.getPrincipals(RolePrincipal.class).stream().allMatch(r -> r.getName().equals(CALLER_ROLE))) {
            return true;
        }
        String bare = address == null ? "" : address.split("::", 2)[0];
        if (checkType == CheckType.MANAGE || checkType == CheckType.EDIT || checkType == CheckType.VIEW
                || caravanOnly.contains(bare)) {
            return false;
        }
        if (bare.equals(questionsQueue)) {
            return checkType == CheckType.SEND;
        }
        // its reply queues: temporary ones, or a named one it reads its answers from
        return true;
    }

    @Override
    public boolean validateUser(String user, String password) {
        return authenticate(user, password, null, null) != null;
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return false;
    }

    private static Subject subject(String user, String role) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        subject.getPrincipals().add(new RolePrincipal(role));
        return subject;
    }
}
