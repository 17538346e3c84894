package io.caravan.channel.jms;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;

import java.util.function.BooleanSupplier;

/**
 * Whether the JMS broker takes connections, for readiness: the embedded broker is asked directly; an external one
 * is connected to (and the connection closed at once). Thread safe.
 */
public final class JmsBrokerCheck implements BooleanSupplier {

    private final EmbeddedJmsBroker embedded;
    private final ConnectionFactory connections;

    /**
     * @param embedded    the broker inside Caravan, or {@code null} when the broker is external
     * @param connections a factory for the external broker, with short timeouts (unused when embedded)
     */
    public JmsBrokerCheck(EmbeddedJmsBroker embedded, ConnectionFactory connections) {
        this.embedded = embedded;
        this.connections = connections;
    }

    @Override
    public boolean getAsBoolean() {
        if (embedded != null) {
            return embedded.isActive();
        }
        try (Connection connection = connections.createConnection()) {
            return connection != null;
        } catch (JMSException | RuntimeException e) {
            return false;
        }
    }
}
