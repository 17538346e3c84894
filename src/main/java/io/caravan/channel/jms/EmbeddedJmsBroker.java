package io.caravan.channel.jms;

import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;

/**
 * An ActiveMQ Artemis broker inside the Caravan process: one acceptor on the broker URL's host and port speaking
 * CORE, AMQP and STOMP, a persistent journal under the data directory (queued questions survive a restart), and
 * the questions queue dead-lettering a message the broker failed to deliver {@code maxDeliveryAttempts} times.
 * A name without a type ({@code my.replies}, as a STOMP or AMQP client names it) is a queue; {@code /queue/x} and
 * {@code /topic/x} name the queue or topic {@code x} in any protocol, the acceptor stripping the prefix.
 * Started and stopped by the Camel context as a service, before and after the routes.
 */
public class EmbeddedJmsBroker extends ServiceSupport {

    /** Prefix of a queue's name, as STOMP clients write it ({@code /queue/my.replies}); the acceptor strips it. */
    public static final String ANYCAST_PREFIX = "/queue/";
    /** Prefix of a topic's name, as STOMP clients write it ({@code /topic/news}); the acceptor strips it. */
    public static final String MULTICAST_PREFIX = "/topic/";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedJmsBroker.class);

    private final URI brokerUrl;
    private final Path directory;
    private final String questionsQueue;
    private final String deadLetterQueue;
    private final int maxDeliveryAttempts;
    private final ActiveMQSecurityManager5 security;
    private EmbeddedActiveMQ broker;

    /**
     * @param brokerUrl           {@code tcp://host:port} the broker listens on
     * @param directory           where the journal, bindings, paging and large messages live
     * @param questionsQueue      the queue questions arrive on
     * @param deadLetterQueue     where the broker moves a question it could not deliver
     * @param maxDeliveryAttempts deliveries of one message before the broker dead-letters it
     * @param security            who may connect and do what, or {@code null} for no security (authentication off)
     */
    public EmbeddedJmsBroker(String brokerUrl, Path directory, String questionsQueue, String deadLetterQueue,
                             int maxDeliveryAttempts, ActiveMQSecurityManager5 security) {
        this.brokerUrl = URI.create(brokerUrl);
        if (!"tcp".equals(this.brokerUrl.getScheme()) || this.brokerUrl.getHost() == null
                || this.brokerUrl.getPort() < 0) {
            throw new IllegalStateException("caravan.jms.broker-url must be tcp://host:port for the embedded broker, was "
                    + brokerUrl);
        }
        this.directory = directory;
        this.questionsQueue = questionsQueue;
        this.deadLetterQueue = deadLetterQueue;
        this.maxDeliveryAttempts = maxDeliveryAttempts;
        this.security = security;
    }

    @Override
    protected void doStart() throws Exception {
        Configuration config = new ConfigurationImpl()
                .setName("caravan")
                .setPersistenceEnabled(true)
                // NIO: no native libaio needed, and the same on every OS
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(directory.resolve("journal").toString())
                .setBindingsDirectory(directory.resolve("bindings").toString())
                .setPagingDirectory(directory.resolve("paging").toString())
                .setLargeMessagesDirectory(directory.resolve("large-messages").toString())
                .setNodeManagerLockDirectory(directory.toString())
                // with authentication on, every connection logs in (docs/channels-and-sources.md#jms-authentication)
                // and each message carries the user the broker validated, which no client can forge; a revoked
                // key's cached login lapses within a second
                .setSecurityEnabled(security != null)
                .setPopulateValidatedUser(security != null)
                .setSecurityInvalidationInterval(1000)
                .setJMXManagementEnabled(false);
        config.addAcceptorConfiguration("caravan", "tcp://" + brokerUrl.getHost() + ":" + brokerUrl.getPort()
                // the usual STOMP names (/queue/x, /topic/x) on every protocol: Caravan's own CORE connection sends
                // a reply to a STOMP client's reply-to:/queue/x through this acceptor, so it reaches queue x too
                + "?protocols=CORE,AMQP,STOMP;anycastPrefix=" + ANYCAST_PREFIX + ";multicastPrefix="
                + MULTICAST_PREFIX);
        // as Artemis' own broker.xml: every address has somewhere to dead-letter and expire to (reply queues too);
        // an address a STOMP or AMQP client creates by an untyped name is a queue (Artemis' default is a topic), as
        // Caravan reads such a reply-to: a client that subscribes to my.replies and asks with reply-to my.replies
        // gets its answer. (Not the default queue routing type: a topic subscription's queue takes that one.)
        config.addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of("DLQ"))
                .setExpiryAddress(SimpleString.of("ExpiryQueue"))
                .setDefaultAddressRoutingType(RoutingType.ANYCAST));
        config.addAddressSetting(questionsQueue, new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(deadLetterQueue))
                .setExpiryAddress(SimpleString.of("ExpiryQueue"))
                .setMaxDeliveryAttempts(maxDeliveryAttempts));
        broker = new EmbeddedActiveMQ();
        broker.setConfiguration(config);
        if (security != null) {
            broker.setSecurityManager(security);
        }
        broker.start();
        LOG.info("embedded JMS broker started url={} protocols=CORE,AMQP,STOMP journal={} authentication={}", brokerUrl,
                directory, security != null ? "API keys" : "off");
    }

    @Override
    protected void doStop() throws Exception {
        if (broker != null) {
            broker.stop();
            broker = null;
        }
    }

    /** Whether the broker is up and accepting connections. */
    public boolean isActive() {
        EmbeddedActiveMQ running = broker;
        return running != null && running.getActiveMQServer() != null && running.getActiveMQServer().isActive();
    }
}
