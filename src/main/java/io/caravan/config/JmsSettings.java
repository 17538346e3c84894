package io.caravan.config;

/**
 * The JMS questions channel, {@code caravan.jms.*}; the routes read the queue names and consumer count as
 * placeholders.
 *
 * @param enabled             whether questions are taken from the queue
 * @param embedded            whether Caravan runs the Artemis broker itself
 * @param brokerUrl           the broker's URL (the embedded broker's acceptor when embedded)
 * @param username            the broker user, or {@code null}
 * @param password            the broker password, or {@code null}
 * @param questionsQueue      where questions arrive
 * @param deadLetterQueue     where unanswerable messages go
 * @param maxDeliveryAttempts deliveries of a message before the embedded broker dead-letters it
 */
public record JmsSettings(boolean enabled, boolean embedded, String brokerUrl, String username, String password,
                          String questionsQueue, String deadLetterQueue, int maxDeliveryAttempts) {

    static JmsSettings read(Settings settings) {
        return new JmsSettings(settings.bool("caravan.jms.enabled"), settings.bool("caravan.jms.embedded"),
                settings.string("caravan.jms.broker-url"), settings.optional("caravan.jms.username"),
                settings.optional("caravan.jms.password"), settings.string("caravan.jms.questions-queue"),
                settings.string("caravan.jms.dead-letter-queue"),
                settings.integer("caravan.jms.max-delivery-attempts"));
    }

    @Override
    public String toString() {
        // never print the password
        return "JmsSettings[enabled=" + enabled + ", embedded=" + embedded + ", brokerUrl=" + brokerUrl
                + ", username=" + username + "]";
    }
}
