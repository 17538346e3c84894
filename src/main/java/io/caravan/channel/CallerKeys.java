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
        return "address:" + addressOf(remoteAddress);
    }

    /**
     * The client's host address without the port (each connection has another one).
     *
     * @param remoteAddress the platform-http remote address (a Vert.x {@code SocketAddress}), or {@code null}
     */
    public static String addressOf(Object remoteAddress) {
        if (remoteAddress instanceof io.vertx.core.net.SocketAddress socket) {
            return socket.hostAddress() != null ? socket.hostAddress() : socket.host();
        }
        return remoteAddress == null ? "unknown" : remoteAddress.toString();
    }

    /** The JMS caller: its principal once authenticated, else the broker-validated user ({@code JMSXUserID}). */
    public String jms(String principal, String user) {
        if (principal != null && !principal.isBlank()) {
            return "principal:" + principal;
        }
        return "jms:" + (user == null || user.isBlank() ? "anonymous" : user);
    }

    /** The e-mail caller: the sender's address, lower-cased (only allowed senders get this far). */
    public String mail(String sender) {
        return "mail:" + (sender == null || sender.isBlank() ? "unknown" : sender.strip().toLowerCase(java.util.Locale.ROOT));
    }
}
