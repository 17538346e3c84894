package io.caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.caravan.it.RunningCaravan.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded broker with authentication on (docs/channels-and-sources.md#jms-authentication): a real Artemis
 * client logs in with a principal and its API key, and its question is answered with that key's groups only.
 */
class JmsAuthenticationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long RECEIVE_MS = 60_000;

    @TempDir
    static Path data;
    @TempDir
    static Path inbox;
    @TempDir
    static Path etc;
    static RunningCaravan caravan;
    static Path keyFile;
    static String hrKey;
    static String staffKey;

    @BeforeAll
    static void start() throws Exception {
        keyFile = etc.resolve("keys.json");
        hrKey = createKey("ana", "hr");
        staffKey = createKey("bob", "staff");
        caravan = RunningCaravan.start(data, inbox, Map.of("caravan.auth.api-keys-file", keyFile.toString(),
                "caravan.sources.file.acl-rules", "hr/**=hr", "caravan.sources.file.acl", "staff"));
        NotifyBuilder indexed = caravan.notifier().fromRoute("source-file").whenCompleted(2).create();
        Files.createDirectories(inbox.resolve("hr"));
        Files.writeString(inbox.resolve("hr/salaries.txt"), "The salary review of 2026 raises pay by 4.5 percent.");
        Files.writeString(inbox.resolve("canteen.txt"), "The canteen serves lunch from noon until two o'clock.");
        await(indexed, 120);
    }

    @AfterAll
    static void stop() {
        caravan.close();
    }

    @Test
    void should_refuse_a_connection_without_credentials_or_with_a_wrong_key() {
        assertThatThrownBy(() -> new ActiveMQConnectionFactory(caravan.brokerUrl()).createConnection().close())
                .isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> new ActiveMQConnectionFactory(caravan.brokerUrl(), "ana", "cvk_wrong")
                .createConnection().close()).isInstanceOf(JMSSecurityException.class);
        // a real key under another principal's name
        assertThatThrownBy(() -> new ActiveMQConnectionFactory(caravan.brokerUrl(), "bob", hrKey)
                .createConnection().close()).isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void should_answer_with_the_groups_of_the_key_that_logged_in() throws Exception {
        // when
        JsonNode insider = ask("ana", hrKey, "{\"question\": \"By how much does the salary review raise pay?\"}");
        JsonNode outsider = ask("bob", staffKey, "{\"question\": \"By how much does the salary review raise pay?\","
                + " \"groups\": [\"hr\"]}");

        // then: the groups a message claims count for nothing
        assertThat(insider.get("answer").asText()).contains("4.5 percent");
        assertThat(outsider.has("error")).as(outsider.toString()).isFalse();
        assertThat(outsider.toString()).doesNotContain("4.5");
        assertThat(outsider.get("citations").findValuesAsText("docId")).doesNotContain("hr/salaries.txt");
        assertThat(insider.get("citations").findValuesAsText("docId")).contains("hr/salaries.txt");
        assertThat(ask("bob", staffKey, "When does the canteen serve lunch?").get("answer").asText())
                .contains("noon");
    }

    @Test
    void should_refuse_the_questions_of_a_key_revoked_after_login_with_an_error_reply() throws Exception {
        // given: a connection opened with a key that is then revoked
        String doomed = createKey("temp", "hr");
        try (Connection connection = new ActiveMQConnectionFactory(caravan.brokerUrl(), "temp", doomed)
                .createConnection()) {
            connection.start();
            KeysCli.run("keys", "revoke", "temp", "--file", keyFile.toString());

            // when
            JsonNode reply = ask(connection, "By how much does the salary review raise pay?");

            // then
            assertThat(reply.at("/error/code").asText()).isEqualTo("unauthorized");
            assertThat(reply.toString()).doesNotContain("4.5");
        }
    }

    @Test
    void should_answer_a_stomp_client_that_logs_in_with_its_key_and_refuse_one_that_does_not() throws Exception {
        // when
        JsonNode reply = NonJavaClients.askOverStomp(URI.create(caravan.brokerUrl()), "ana", hrKey,
                "/queue/ana.replies", "ana.replies", "stomp-1", "By how much does the salary review raise pay?");

        // then
        assertThat(reply.at("/headers/correlation-id").asText()).isEqualTo("stomp-1");
        assertThat(JSON.readTree(reply.get("body").asText()).get("answer").asText()).contains("4.5 percent");
        assertThatThrownBy(() -> NonJavaClients.askOverStomp(URI.create(caravan.brokerUrl()), "/queue/x.replies",
                "x.replies", "stomp-2", "By how much does the salary review raise pay?"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("stomp_ask.py")
                .hasMessageContaining("exited").hasMessageNotContaining("4.5");
    }

    @Test
    void should_not_let_a_caller_read_the_questions_queue_or_its_dead_letters() throws Exception {
        try (Connection connection = new ActiveMQConnectionFactory(caravan.brokerUrl(), "bob", staffKey)
                .createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (String queue : List.of("caravan.questions", "caravan.questions.DLQ")) {
                assertThatThrownBy(() -> session.createConsumer(session.createQueue(queue)))
                        .as(queue).isInstanceOf(JMSSecurityException.class);
            }
        }
    }

    private static JsonNode ask(String user, String key, String question) throws Exception {
        try (Connection connection = new ActiveMQConnectionFactory(caravan.brokerUrl(), user, key)
                .createConnection()) {
            connection.start();
            return ask(connection, question);
        }
    }

    private static JsonNode ask(Connection connection, String question) throws Exception {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            Queue replies = session.createTemporaryQueue();
            MessageConsumer consumer = session.createConsumer(replies);
            TextMessage message = session.createTextMessage(question);
            message.setJMSReplyTo(replies);
            session.createProducer(session.createQueue("caravan.questions")).send(message);
            Message reply = consumer.receive(RECEIVE_MS);
            assertThat(reply).as("a reply").isInstanceOf(TextMessage.class);
            return JSON.readTree(((TextMessage) reply).getText());
        }
    }

    private static String createKey(String principal, String groups) {
        return KeysCli.create(keyFile, principal, groups, "reader").key();
    }
}
