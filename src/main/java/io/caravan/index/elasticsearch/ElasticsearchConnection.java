package io.caravan.index.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * Where and how to reach an Elasticsearch cluster: the {@code caravan.elasticsearch.*} keys. Immutable.
 *
 * @param hosts         one or more node URLs ({@code http://host:9200}, {@code https://...})
 * @param username      basic-auth user, or empty
 * @param password      basic-auth password, or empty
 * @param apiKey        an encoded API key sent as {@code Authorization: ApiKey ...}, or empty (wins over basic auth)
 * @param caCertificate PEM file of the CA that signed the cluster's certificate, or {@code null} for the JVM's
 * @param insecure      trust any certificate and host name (tests and throw-away clusters only)
 * @param timeout       connect and socket timeout of every request
 */
public record ElasticsearchConnection(List<URI> hosts, String username, String password, String apiKey,
                                      Path caCertificate, boolean insecure, Duration timeout) {
    public ElasticsearchConnection {
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("at least one Elasticsearch URL is needed");
        }
        for (URI host : hosts) {
            if (host.getHost() == null || !("http".equals(host.getScheme()) || "https".equals(host.getScheme()))) {
                throw new IllegalArgumentException("not an http(s) URL: " + host);
            }
        }
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        apiKey = apiKey == null ? "" : apiKey;
        Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public String toString() {
        // never print a password or an API key
        return "ElasticsearchConnection[hosts=" + hosts + ", username=" + username + ", password="
                + (password.isEmpty() ? "" : "***") + ", apiKey=" + (apiKey.isEmpty() ? "" : "***")
                + ", caCertificate=" + caCertificate + ", insecure=" + insecure + ", timeout=" + timeout + "]";
    }

    /** A connection to {@code urls} (comma-separated) without credentials or TLS options. */
    public static ElasticsearchConnection to(String urls, Duration timeout) {
        return new ElasticsearchConnection(parseUrls(urls), "", "", "", null, false, timeout);
    }

    /** Comma-separated URLs, blanks dropped. */
    public static List<URI> parseUrls(String urls) {
        return java.util.Arrays.stream(urls.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(URI::create).toList();
    }

    /** A new low-level client (the one camel-elasticsearch's component takes); the caller closes it. */
    public RestClient openRestClient() {
        HttpHost[] httpHosts = hosts.stream()
                .map(u -> new HttpHost(u.getHost(), u.getPort() > 0 ? u.getPort() : defaultPort(u), u.getScheme()))
                .toArray(HttpHost[]::new);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        RestClientBuilder builder = RestClient.builder(httpHosts)
                .setRequestConfigCallback(request -> request.setConnectTimeout(millis).setSocketTimeout(millis));
        if (!apiKey.isEmpty()) {
            builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "ApiKey " + apiKey)});
        }
        SSLContext ssl = sslContext();
        builder.setHttpClientConfigCallback(http -> {
            if (apiKey.isEmpty() && !username.isEmpty()) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(username, password));
                http.setDefaultCredentialsProvider(credentials);
            }
            if (ssl != null) {
                http.setSSLContext(ssl);
            }
            if (insecure) {
                http.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);
            }
            return http;
        });
        return builder.build();
    }

    /** The Java API client over {@code restClient}; closing its transport closes {@code restClient}. */
    public static ElasticsearchClient apiClient(RestClient restClient, ObjectMapper json) {
        return new ElasticsearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper(json)));
    }

    private SSLContext sslContext() {
        try {
            if (insecure) {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {new TrustAll()}, null);
                return context;
            }
            if (caCertificate == null) {
                return null;
            }
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            try (InputStream pem = Files.newInputStream(caCertificate)) {
                int n = 0;
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                    trust.setCertificateEntry("caravan-ca-" + n++, certificate);
                }
                if (n == 0) {
                    throw new IllegalArgumentException("no certificate in " + caCertificate);
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CA certificate " + caCertificate, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for Elasticsearch"
                    + (caCertificate == null ? "" : " with the CA certificate " + caCertificate) + ": "
                    + e.getMessage(), e);
        }
    }

    private static int defaultPort(URI url) {
        return "https".equals(url.getScheme()) ? 443 : 9200;
    }

    /** Accepts every certificate: only for {@code caravan.elasticsearch.insecure=true}. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
