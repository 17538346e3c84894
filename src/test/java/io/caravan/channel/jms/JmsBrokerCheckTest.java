package io.caravan.channel.jms;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The broker readiness check against a real Artemis broker, embedded and reached as an external one. */
class JmsBrokerCheckTest {

    @TempDir
    Path journal;

    @Test
    void should_follow_the_broker_up_and_down__embedded_and_external() throws Exception {
        // given
        String url = "tcp://127.0.0.1:" + freePort();
        EmbeddedJmsBroker broker = new EmbeddedJmsBroker(url, journal, "q", "q.DLQ", 5, null);
        ActiveMQConnectionFactory probe = new ActiveMQConnectionFactory(url);
        probe.setCallTimeout(2000);
        probe.setInitialConnectAttempts(1);
        JmsBrokerCheck embedded = new JmsBrokerCheck(broker, null);
        JmsBrokerCheck external = new JmsBrokerCheck(null, probe);
        assertThat(embedded.getAsBoolean()).as("embedded, not started").isFalse();
        assertThat(external.getAsBoolean()).as("external, nothing listening").isFalse();

        // when
        broker.start();
        try {
            // then
            assertThat(embedded.getAsBoolean()).isTrue();
            assertThat(external.getAsBoolean()).isTrue();
        } finally {
            broker.stop();
        }

        // then
        assertThat(embedded.getAsBoolean()).isFalse();
        assertThat(external.getAsBoolean()).isFalse();
        probe.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
