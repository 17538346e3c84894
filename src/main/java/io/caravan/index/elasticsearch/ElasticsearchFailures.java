package io.caravan.index.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.elasticsearch.client.ResponseException;

/**
 * Says why a request to the cluster failed in terms of the {@code caravan.elasticsearch.*} keys: refused
 * credentials, a refused privilege or an untrusted certificate, else the client's own message. Pure; thread safe.
 *
 * <p>Needed because the client's messages mislead here: a 401 to an existence check (a HEAD request, the first one
 * Caravan sends) reads "Expecting a response body, but none was sent", and a certificate the JVM does not trust
 * reads "PKIX path building failed".
 */
final class ElasticsearchFailures {

    private ElasticsearchFailures() {
    }

    /** What went wrong with {@code failure}, for a log line or a JSON error. */
    static String reason(Exception failure) {
        int status = status(failure);
        if (status == 401) {
            return "Elasticsearch refused the credentials (HTTP 401, authentication failed): check "
                    + "caravan.elasticsearch.username and caravan.elasticsearch.password, or "
                    + "caravan.elasticsearch.api-key";
        }
        if (status == 403) {
            return "Elasticsearch denied Caravan's user the request (HTTP 403, not authorized; the user needs the "
                    + "index privileges the README lists): " + failure.getMessage();
        }
        Throwable untrusted = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLPeerUnverifiedException) {
                return "the TLS handshake with Elasticsearch failed: the cluster's certificate does not name the host "
                        + "of caravan.elasticsearch.url (" + t.getMessage() + ")";
            }
            // the innermost one says it plainly ("unable to find valid certification path to requested target")
            if (t instanceof CertPathBuilderException || t instanceof CertificateException) {
                untrusted = t;
            }
        }
        if (untrusted != null) {
            return "the TLS handshake with Elasticsearch failed: the cluster's certificate is not trusted; set "
                    + "caravan.elasticsearch.ca-certificate to the PEM file of the CA that signed it ("
                    + untrusted.getMessage() + ")";
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException) {
                return "the TLS handshake with Elasticsearch failed: " + t.getMessage();
            }
        }
        return failure.getMessage();
    }

    /** The HTTP status the cluster answered, or 0 when it did not answer. */
    private static int status(Exception failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ElasticsearchException e) {
                return e.status();
            }
            if (t instanceof TransportException e && e.response() != null) {
                return e.statusCode();
            }
            if (t instanceof ResponseException e) {
                return e.getResponse().getStatusLine().getStatusCode();
            }
        }
        return 0;
    }
}
