package io.caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.bench.LatencyStats;
import jakarta.jms.Connection;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.caravan.it.RunningCaravan.await;
import static io.caravan.it.RunningCaravan.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The JMS channel end to end: the running application, its embedded Artemis broker and a real JMS client. */
class JmsQuestionsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long RECEIVE_MS = 60_000;
    private static final String DLQ = "caravan.questions.DLQ";

    @TempDir
    static Path data;
    @TempDir
    static Path inbox;
    static RunningCaravan caravan;
    static Connection connection;

    @BeforeAll
    static void start() throws Exception {
        // the round trips measured below repeat questions: uncached, they time the whole answer pipeline
        caravan = RunningCaravan.start(data, inbox, Map.of("caravan.cache.enabled", "false"));
        NotifyBuilder indexed = caravan.notifier().fromRoute("source-file").whenCompleted(3).create();
        Fixtures.volcanoText(inbox);
        Fixtures.text(inbox.resolve("handbook.txt"), "Handbook\n\nEmployees receive 25 days of paid vacation per"
                + " year. Vacation requests go to the team lead two weeks ahead.\n");
        Fixtures.coffeeMarkdown(inbox);
        await(indexed, 120);
        connection = new ActiveMQConnectionFactory(caravan.brokerUrl()).createConnection();
        connection.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (connection != null) {
            connection.close();
        }
        caravan.close();
    }

    @Test
    void should_answer_a_plain_text_question_on_the_reply_queue_with_the_correlation_id_kept() throws Exception {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            // given
            Queue replies = session.createTemporaryQueue();
            TextMessage question = session.createTextMessage("How long did Krakatoa ash lower global temperatures?");
            question.setJMSReplyTo(replies);
            question.setJMSCorrelationID("my-correlation-1");

            // when
            session.createProducer(session.createQueue("caravan.questions")).send(question);
            Message reply = session.createConsumer(replies).receive(RECEIVE_MS);

            // then
            assertThat(reply).as("a reply").isInstanceOf(TextMessage.class);
            assertThat(reply.getJMSCorrelationID()).isEqualTo("my-correlation-1");
            JsonNode answer = JSON.readTree(((TextMessage) reply).getText());
            assertThat(answer.get("answer").asText()).contains("five years").contains("[1]");
            assertThat(answer.get("citations").get(0).get("docId").asText()).isEqualTo("volcano.txt");
            assertThat(answer.get("mode").asText()).isEqualTo("extractive");
            assertThat(answer.get("requestId").asText()).isNotBlank()
                    .isEqualTo(reply.getStringProperty("CaravanRequestId"));
        }
    }

    @Test
    void should_answer_the_http_json_format_with_its_options() throws Exception {
        // when
        JsonNode answer = JSON.readTree(request(
                "{\"question\": \"How many vacation days do employees get?\", \"topK\": 1,"
                        + " \"filters\": {\"docId\": \"handbook.txt\"}}", "json-1").getText());

        // then
        assertThat(answer.has("error")).as(answer.toString()).isFalse();
        assertThat(answer.get("citations")).hasSize(1);
        assertThat(answer.get("citations").get(0).get("docId").asText()).isEqualTo("handbook.txt");
        assertThat(answer.get("answer").asText()).contains("25 days");
    }

    @Test
    void should_reply_the_http_error_json_for_an_invalid_question() throws Exception {
        for (String invalid : List.of("   ", "{\"question\": ", "{\"question\": \"q\", \"topK\": 0}")) {
            // when
            TextMessage reply = request(invalid, "invalid");

            // then
            assertThat(reply.getJMSCorrelationID()).isEqualTo("invalid");
            JsonNode error = JSON.readTree(reply.getText());
            assertThat(error.get("error").get("code").asText()).as(invalid).isEqualTo("bad_request");
            assertThat(error.get("error").get("message").asText()).isNotBlank();
            assertThat(error.get("requestId").asText()).isNotBlank();
            assertThat(reply.getText()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void should_dead_letter_a_message_that_is_not_text_with_the_reason_and_reply_an_error() throws Exception {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            // given
            String testCase = UUID.randomUUID().toString();
            Queue replies = session.createTemporaryQueue();
            MapMessage poison = session.createMapMessage();
            poison.setString("question", "not like this");
            poison.setStringProperty("testCase", testCase);
            poison.setJMSReplyTo(replies);
            poison.setJMSCorrelationID("poison-1");

            // when
            session.createProducer(session.createQueue("caravan.questions")).send(poison);

            // then
            Message reply = session.createConsumer(replies).receive(RECEIVE_MS);
            assertThat(reply).as("an error reply").isInstanceOf(TextMessage.class);
            assertThat(reply.getJMSCorrelationID()).isEqualTo("poison-1");
            JsonNode error = JSON.readTree(((TextMessage) reply).getText());
            assertThat(error.get("error").get("message").asText()).startsWith("a MapMessage cannot be read");
            Message dead = session.createConsumer(session.createQueue(DLQ), "testCase = '" + testCase + "'")
                    .receive(RECEIVE_MS);
            assertThat(dead).as("the message in the DLQ").isInstanceOf(MapMessage.class);
            assertThat(((MapMessage) dead).getString("question")).isEqualTo("not like this");
            assertThat(dead.getStringProperty("CaravanDeadLetterReason")).startsWith("a MapMessage cannot be read")
                    .contains("send a TextMessage");
        }
    }

    @Test
    void should_dead_letter_a_question_without_reply_to() throws Exception {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            // given
            String testCase = UUID.randomUUID().toString();
            TextMessage question = session.createTextMessage("Where does the answer go?");
            question.setStringProperty("testCase", testCase);

            // when
            session.createProducer(session.createQueue("caravan.questions")).send(question);

            // then
            Message dead = session.createConsumer(session.createQueue(DLQ), "testCase = '" + testCase + "'")
                    .receive(RECEIVE_MS);
            assertThat(dead).as("the message in the DLQ").isInstanceOf(TextMessage.class);
            assertThat(((TextMessage) dead).getText()).isEqualTo("Where does the answer go?");
            assertThat(dead.getStringProperty("CaravanDeadLetterReason")).startsWith("the message has no JMSReplyTo");
        }
    }

    @Test
    void should_answer_a_stomp_client_on_its_reply_to_queue() throws Exception {
        URI broker = URI.create(caravan.brokerUrl());
        try (Socket socket = new Socket(broker.getHost(), broker.getPort())) {
            socket.setSoTimeout((int) RECEIVE_MS);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            // given
            out.write(frame("CONNECT\naccept-version:1.2\nhost:127.0.0.1\n\n"));
            assertThat(readFrame(in)).startsWith("CONNECTED");
            // a topic of the client's own, by the usual STOMP prefix
            out.write(frame("SUBSCRIBE\nid:1\ndestination:/topic/stomp.replies.1\nack:auto\nreceipt:r1\n\n"));
            assertThat(readFrame(in)).startsWith("RECEIPT");

            // when: no content-length, so the broker makes it a text message
            out.write(frame("SEND\ndestination:/queue/caravan.questions\nreply-to:/topic/stomp.replies.1\n"
                    + "correlation-id:stomp-1\n\nAt what pressure is espresso brewed?"));
            String reply = readFrame(in);

            // then
            assertThat(reply).startsWith("MESSAGE").contains("correlation-id:stomp-1");
            JsonNode answer = JSON.readTree(reply.substring(reply.indexOf("\n\n") + 2));
            assertThat(answer.get("citations").get(0).get("docId").asText()).isEqualTo("coffee.md");
            assertThat(answer.get("answer").asText()).contains("nine bars");
        }
    }

    @ParameterizedTest(name = "subscribed to {0}, reply-to {1}")
    @CsvSource({
            // the natural STOMP form: a name without a type is a queue
            "stomp.plain.ID, stomp.plain.ID",
            // the conventional STOMP prefixes, stripped by the acceptor
            "/queue/stomp.queue.ID, /queue/stomp.queue.ID",
            "/queue/stomp.mixed.ID, stomp.mixed.ID",
            "/topic/stomp.topic.ID, /topic/stomp.topic.ID",
            // Artemis' own typed form
            "/queue/stomp.typed.ID, queue://stomp.typed.ID"})
    void should_answer_a_python_stomp_client_on_its_reply_to(String subscribeTo, String replyTo) throws Exception {
        // given
        String id = UUID.randomUUID().toString();
        String correlationId = "stomp-" + id;

        // when
        JsonNode reply = NonJavaClients.askOverStomp(URI.create(caravan.brokerUrl()), subscribeTo.replace("ID", id),
                replyTo.replace("ID", id), correlationId, "At what pressure is espresso brewed?");

        // then
        assertThat(reply.get("headers").get("correlation-id").asText()).isEqualTo(correlationId);
        JsonNode answer = JSON.readTree(reply.get("body").asText());
        assertThat(answer.get("citations").get(0).get("docId").asText()).isEqualTo("coffee.md");
        assertThat(answer.get("answer").asText()).contains("nine bars");
    }

    @ParameterizedTest(name = "reply to {0}")
    @CsvSource({"--dynamic", "amqp.replies.ID"})
    void should_answer_a_python_amqp_client_on_its_reply_address(String replyTo) throws Exception {
        // given
        String id = UUID.randomUUID().toString();
        String correlationId = "amqp-" + id;

        // when
        JsonNode reply = NonJavaClients.askOverAmqp(URI.create(caravan.brokerUrl()), replyTo.replace("ID", id),
                correlationId, "How many vacation days do employees get?");

        // then
        assertThat(reply.get("correlation_id").asText()).isEqualTo(correlationId);
        JsonNode answer = JSON.readTree(reply.get("body").asText());
        assertThat(answer.get("citations").get(0).get("docId").asText()).isEqualTo("handbook.txt");
        assertThat(answer.get("answer").asText()).contains("25 days");
    }

    @Test
    void should_dead_letter_a_reply_that_cannot_be_delivered_with_its_reason_after_the_delivery_attempts()
            throws Exception {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            // given: a queue of the asker's, named as a topic in the reply-to, which the broker refuses
            String name = "undeliverable." + UUID.randomUUID();
            MessageConsumer replies = session.createConsumer(session.createQueue(name));
            String correlationId = "undeliverable-" + UUID.randomUUID();
            NotifyBuilder attempts = caravan.notifier().fromRoute("jms-ask").whenDone(5).create();
            TextMessage question = session.createTextMessage("How far away was the Krakatoa eruption heard?");
            question.setJMSReplyTo(session.createTopic(name));
            question.setJMSCorrelationID(correlationId);

            // when
            session.createProducer(session.createQueue("caravan.questions")).send(question);

            // then: after the configured 5 delivery attempts, the reply is in the DLQ with why
            Message dead = session.createConsumer(session.createQueue(DLQ),
                    "JMSCorrelationID = '" + correlationId + "'").receive(RECEIVE_MS);
            assertThat(dead).as("the undeliverable reply in the DLQ").isInstanceOf(TextMessage.class);
            assertThat(dead.getStringProperty("CaravanDeadLetterReason"))
                    .startsWith("the reply could not be sent to topic " + name)
                    .contains("does not support MULTICAST routing");
            JsonNode answer = JSON.readTree(((TextMessage) dead).getText());
            assertThat(answer.get("answer").asText()).isNotBlank();
            assertThat(answer.get("requestId").asText()).isEqualTo(dead.getStringProperty("CaravanRequestId"));
            await(attempts, 60);
            assertThat(replies.receiveNoWait()).as("no reply where it could not go").isNull();
        }
    }

    @Test
    void should_answer_an_amqp_client_on_its_temporary_reply_queue() throws Exception {
        // given: Qpid JMS speaks AMQP 1.0, as .NET, Python or JavaScript AMQP clients do
        URI broker = URI.create(caravan.brokerUrl());
        JmsConnectionFactory amqp = new JmsConnectionFactory("amqp://" + broker.getHost() + ":" + broker.getPort());
        try (Connection client = amqp.createConnection()) {
            client.start();
            Session session = client.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue replies = session.createTemporaryQueue();
            TextMessage question = session.createTextMessage("At what pressure is espresso brewed?");
            question.setJMSReplyTo(replies);
            question.setJMSCorrelationID("amqp-1");

            // when
            session.createProducer(session.createQueue("caravan.questions")).send(question);
            Message reply = session.createConsumer(replies).receive(RECEIVE_MS);

            // then
            assertThat(reply).as("a reply over AMQP").isInstanceOf(TextMessage.class);
            assertThat(reply.getJMSCorrelationID()).isEqualTo("amqp-1");
            JsonNode answer = JSON.readTree(((TextMessage) reply).getText());
            assertThat(answer.get("citations").get(0).get("docId").asText()).isEqualTo("coffee.md");
            assertThat(answer.get("answer").asText()).contains("nine bars");
        }
    }

    @Test
    void should_report_the_broker_in_the_readiness_check() {
        // when
        HttpResponse<String> health = caravan.get("/api/health");

        // then
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("checks").get("broker").asText()).isEqualTo("UP");
    }

    private static byte[] frame(String text) {
        return (text + "\0").getBytes(StandardCharsets.UTF_8);
    }

    private static String readFrame(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        for (int b = in.read(); b != 0; b = in.read()) {
            if (b < 0) {
                throw new AssertionError("connection closed after " + frame);
            }
            if (frame.size() > 0 || b != '\n') { // heart-beats between frames are bare new lines
                frame.write(b);
            }
        }
        return frame.toString(StandardCharsets.UTF_8);
    }

    @Test
    void should_answer_a_question_queued_while_caravan_was_down_after_it_restarts(@TempDir Path ownData,
                                                                                @TempDir Path ownInbox)
            throws Exception {
        // given: a Caravan whose JMS consumer is stopped, so the question waits in the broker's journal
        Map<String, String> config = Map.of("caravan.jms.broker-url", "tcp://127.0.0.1:" + freePort());
        Fixtures.text(ownInbox.resolve("tides.txt"), "Tides\n\nSpring tides happen at new and full moon.\n");
        try (RunningCaravan first = RunningCaravan.start(ownData, ownInbox, config)) {
            first.context().getRouteController().stopRoute("jms-ask");
            try (Connection client = new ActiveMQConnectionFactory(first.brokerUrl()).createConnection();
                 Session session = client.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                TextMessage question = session.createTextMessage("When do spring tides happen?");
                question.setJMSReplyTo(session.createQueue("restart.replies"));
                question.setJMSCorrelationID("queued-1");
                session.createProducer(session.createQueue("caravan.questions")).send(question);
            }
        }

        // when: Caravan starts again on the same data directory
        try (RunningCaravan restarted = RunningCaravan.start(ownData, ownInbox, config);
             Connection client = new ActiveMQConnectionFactory(restarted.brokerUrl()).createConnection()) {
            client.start();
            Session session = client.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Message reply = session.createConsumer(session.createQueue("restart.replies")).receive(RECEIVE_MS);

            // then
            assertThat(reply).as("the answer to the question queued before the restart")
                    .isInstanceOf(TextMessage.class);
            assertThat(reply.getJMSCorrelationID()).isEqualTo("queued-1");
            JsonNode answer = JSON.readTree(((TextMessage) reply).getText());
            assertThat(answer.has("error")).as(answer.toString()).isFalse();
            assertThat(answer.get("requestId").asText()).isNotBlank();
        }
    }

    /**
     * Not a speed assertion (the machine is shared): the same questions over JMS and HTTP, alternating, must get
     * the same answers; the p50 of each channel's round trip is printed side by side.
     */
    @Test
    void should_give_the_same_answers_over_jms_and_http__and_print_both_round_trip_p50() throws Exception {
        List<String> questions = List.of("How long did Krakatoa ash lower global temperatures?",
                "How far away was the Krakatoa eruption heard?", "How many vacation days do employees get?",
                "Who gets vacation requests?", "At what pressure is espresso brewed?",
                "How long is espresso brewed?");
        int warmUp = 12;
        int measured = 120;
        List<Long> jms = new ArrayList<>();
        List<Long> http = new ArrayList<>();
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            Queue replies = session.createTemporaryQueue();
            MessageProducer producer = session.createProducer(session.createQueue("caravan.questions"));
            MessageConsumer consumer = session.createConsumer(replies);
            for (int i = 0; i < warmUp + measured; i++) {
                String question = questions.get(i % questions.size());

                long startJms = System.nanoTime();
                TextMessage request = session.createTextMessage(question);
                request.setJMSReplyTo(replies);
                request.setJMSCorrelationID("bench-" + i);
                producer.send(request);
                TextMessage reply = (TextMessage) consumer.receive(RECEIVE_MS);
                long jmsNanos = System.nanoTime() - startJms;

                long startHttp = System.nanoTime();
                HttpResponse<String> response = caravan.ask(question);
                long httpNanos = System.nanoTime() - startHttp;

                assertThat(reply).as("reply " + i).isNotNull();
                assertThat(reply.getJMSCorrelationID()).isEqualTo("bench-" + i);
                JsonNode overJms = JSON.readTree(reply.getText());
                JsonNode overHttp = json(response);
                assertThat(overJms.get("answer")).isEqualTo(overHttp.get("answer"));
                assertThat(overJms.get("citations")).isEqualTo(overHttp.get("citations"));
                if (i >= warmUp) {
                    jms.add(jmsNanos);
                    http.add(httpNanos);
                }
            }
        }
        LatencyStats jmsStats = LatencyStats.ofNanos(jms.stream().mapToLong(Long::longValue).toArray());
        LatencyStats httpStats = LatencyStats.ofNanos(http.stream().mapToLong(Long::longValue).toArray());
        System.out.printf("JMS vs HTTP round trip, %d questions each, alternating: JMS p50 %.1f ms p99 %.1f ms;"
                        + " HTTP p50 %.1f ms p99 %.1f ms%n", measured, jmsStats.percentileMs(50),
                jmsStats.percentileMs(99), httpStats.percentileMs(50), httpStats.percentileMs(99));
        assertThat(jmsStats.count()).isEqualTo(measured);
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Sends {@code text} with a temporary reply queue and waits for the reply. */
    private static TextMessage request(String text, String correlationId) throws Exception {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            Queue replies = session.createTemporaryQueue();
            TextMessage question = session.createTextMessage(text);
            question.setJMSReplyTo(replies);
            question.setJMSCorrelationID(correlationId);
            session.createProducer(session.createQueue("caravan.questions")).send(question);
            Message reply = session.createConsumer(replies).receive(RECEIVE_MS);
            assertThat(reply).as("a reply to " + text).isInstanceOf(TextMessage.class);
            return (TextMessage) reply;
        }
    }
}
