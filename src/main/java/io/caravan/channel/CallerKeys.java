package io.caravan.channel;

/**
 * Names the caller of a question for throttling and conversations: its API key's principal once authentication
 * knows one, otherwise its client address (HTTP) or its channel identity (JMS user). Pure and thread safe.
 */
public class CallerKeys {

    /**
     * The HTTP caller: {@code principal} when set, else the client's address (the port is left out: each connection
     * has another one).
     *
     * @param remoteAddress the platform-http remote address (a Vert.x {@code SocketAddress}), or {@code null}
     */
    public String http(String principal, Object remoteAddress) {
        if (principal != null && !principal.isBlank()) {
            return "principal:" + principal;
        }
        if (remoteAddress instanceof io.vertx.core.net.SocketAddress socket) {
            String host = socket.hostAddress() != null ? socket.hostAddress() : socket.host();
            return "address:" + host;
        }
        return "address:" + (remoteAddress == null ? "unknown" : remoteAddress);
    }

    /** The JMS caller: the broker-validated user ({@code JMSXUserID}) when the broker sets it. */
    public String jms(String user) {
        return "jms:" + (user == null || user.isBlank() ? "anonymous" : user);
    }

    /** The e-mail caller: the sender's address, lower-cased (only allowed senders get this far). */
    public String mail(String sender) {
        return "mail:" + (sender == null || sender.isBlank() ? "unknown" : sender.strip().toLowerCase(java.util.Locale.ROOT));
    }
}
