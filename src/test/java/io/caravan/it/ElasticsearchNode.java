package io.caravan.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One real Elasticsearch node for the whole integration-test run, started on first use and stopped when the test
 * session closes ({@link ElasticsearchNodeSession}) or, failing that, when the JVM exits.
 *
 * <p>The node is the {@code integ-test-zip} distribution that {@code mvn verify} unpacks into {@code target/}
 * (system property {@code caravan.it.elasticsearch.home}). It runs on a JDK 21 or newer ({@code ES_JAVA_HOME}, else
 * the first one found under {@code /usr/lib/jvm}); without one the tests fail and say what to install. Elasticsearch
 * refuses to run as root, so when the build runs as root the node runs as {@code nobody}, in a temporary directory
 * that user owns. It listens on 127.0.0.1 on free ports, single-node, 512 MB heap, security off (the distribution
 * carries the security module, which would otherwise switch on TLS by itself). Its console output and logs are kept
 * under {@code target/elasticsearch-node/} for diagnosis. Thread safe.
 *
 * <p>{@link #securedNode(String)} gives a node of its own with security on instead: HTTPS with a certificate for
 * 127.0.0.1 signed by a CA made for it at test time ({@link #caCertificate()}), and one file-realm superuser
 * ({@link #username()}, {@link #password()}).
 */
public final class ElasticsearchNode {

    /** Unprivileged uid/gid the node runs as when the build runs as root ({@code nobody}/{@code nogroup}). */
    private static final String UNPRIVILEGED_ID = "65534";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** The file-realm superuser of a secured node. */
    private static final String SECURED_USER = "caravan";
    /** Protects only the throw-away PKCS12 files keytool needs on the way to the node's PEM files. */
    private static final String STORE_PASSWORD = "caravan-it";

    private static ElasticsearchNode shared;
    /** Why the node could not start, so later tests fail at once with the same reason instead of retrying. */
    private static RuntimeException startFailure;
    private static Thread shutdownHook;

    private final Path home;
    private final Path java;
    private final Path workDir;
    private final Path logsKept;
    private final boolean root;
    private final int httpPort;
    private final int transportPort;
    private final URI url;
    private final String name;
    /** The credentials and CA of a secured node, or {@code null} for a node with security off. */
    private final Security security;
    private final HttpClient http;
    /** The running node's launcher process, or {@code null} while stopped. Guarded by this. */
    private Process process;
    private Duration startup = Duration.ZERO;

    private ElasticsearchNode(String name, Path home, Path java, Path workDir, Path logsKept, boolean root,
                              int httpPort, int transportPort, Security security) {
        this.name = name;
        this.home = home;
        this.java = java;
        this.workDir = workDir;
        this.logsKept = logsKept;
        this.root = root;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
        this.security = security;
        this.url = URI.create((security == null ? "http" : "https") + "://127.0.0.1:" + httpPort + "/");
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        if (security != null) {
            client.sslContext(security.sslContext());
        }
        this.http = client.build();
    }

    /** The node of this test run, started by the first caller. */
    public static synchronized ElasticsearchNode shared() {
        if (startFailure != null) {
            throw new IllegalStateException("the Elasticsearch node failed to start earlier in this run",
                    startFailure);
        }
        if (shared == null) {
            try {
                ElasticsearchNode node = prepare("caravan-it-node", false);
                node.start();
                shared = node;
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
            shutdownHook = new Thread(ElasticsearchNode::stopShared, "caravan-es-node-stop");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        return shared;
    }

    /** Stops the node of this test run if one was started; later calls do nothing. */
    public static synchronized void stopShared() {
        if (shared != null) {
            ElasticsearchNode node = shared;
            shared = null;
            node.close();
            if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException alreadyShuttingDown) {
                    // the hook is running or about to; nothing left for it to do
                }
            }
        }
    }

    /** The node's HTTP address, e.g. {@code http://127.0.0.1:41234} ({@code https://} on a secured node). */
    public URI url() {
        return url;
    }

    /** The superuser of a secured node. */
    public String username() {
        return secured().username();
    }

    /** Its password. */
    public String password() {
        return secured().password();
    }

    /** The PEM file of the CA that signed a secured node's HTTPS certificate. */
    public Path caCertificate() {
        return secured().caCertificate();
    }

    /** How long the node took from launch to a green cluster health. */
    public Duration startup() {
        return startup;
    }

    /** Sends a request to the node (as its superuser on a secured node) and returns the response (any status). */
    public HttpResponse<String> request(String method, String path, String jsonBody) {
        HttpRequest.BodyPublisher body = jsonBody == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody);
        try {
            return http.send(authorized(HttpRequest.newBuilder(url.resolve(path)))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .method(method, body).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A node of one test's own, for tests that stop and restart it (outages) and must not take the shared node
     * down under the other tests: its directory and ports are reserved now, {@link #start()} starts it (again, on
     * the same data and ports), {@link #stop()} stops it keeping its data, {@link #close()} ends it for good.
     */
    public static ElasticsearchNode privateNode(String name) {
        return prepare(name, false);
    }

    /**
     * A node of one test's own like {@link #privateNode(String)}, with security on: HTTPS only, with a certificate
     * for 127.0.0.1 and localhost signed by a CA generated now, and the superuser {@link #username()} in the file
     * realm. The cluster's own security index cannot be created on this minimal distribution (it lacks the
     * analysis module its mapping needs), so native users and API keys are not available on it.
     */
    public static ElasticsearchNode securedNode(String name) {
        return prepare(name, true);
    }

    private static ElasticsearchNode prepare(String name, boolean secured) {
        String homeProperty = System.getProperty("caravan.it.elasticsearch.home");
        if (homeProperty == null) {
            throw new IllegalStateException("system property caravan.it.elasticsearch.home is not set: run the "
                    + "integration tests with `mvn verify`, which unpacks Elasticsearch and sets it");
        }
        Path home = Path.of(homeProperty);
        if (!Files.isRegularFile(home.resolve("bin/elasticsearch"))) {
            throw new IllegalStateException("no Elasticsearch distribution at " + home + "; `mvn verify` unpacks it "
                    + "in the pre-integration-test phase");
        }
        Path java = findJavaHome();
        Path logsRoot = Path.of(System.getProperty("caravan.it.elasticsearch.logs", "target/elasticsearch-node"));
        Path logsKept = name.equals("caravan-it-node") ? logsRoot : logsRoot.resolve(name);
        try {
            Files.createDirectories(logsKept);
            Path workDir = Files.createTempDirectory("caravan-es-node-");
            copyTree(home.resolve("config"), workDir.resolve("config"));
            for (String dir : List.of("data", "logs", "tmp")) {
                Files.createDirectories(workDir.resolve(dir));
            }
            Security security = secured ? generateCertificates(workDir) : null;
            boolean root = isRoot();
            if (root) {
                run(List.of("chown", "-R", UNPRIVILEGED_ID + ":" + UNPRIVILEGED_ID, workDir.toString()));
            }
            ElasticsearchNode node = new ElasticsearchNode(name, home, java, workDir, logsKept, root, freePort(),
                    freePort(), security);
            if (secured) {
                node.addUser(security.username(), security.password());
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare an Elasticsearch node from " + home, e);
        }
    }

    /** Starts the node (again, on the same data directory and ports) and waits for a green cluster. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        long began = System.nanoTime();
        List<String> command = unprivileged("bin/elasticsearch");
        command.addAll(List.of(
                "-Ecluster.name=" + name,
                "-Enode.name=" + name,
                "-Ediscovery.type=single-node",
                "-Enetwork.host=127.0.0.1",
                "-Ehttp.port=" + httpPort,
                "-Etransport.port=" + transportPort,
                "-Epath.data=" + workDir.resolve("data"),
                "-Epath.logs=" + workDir.resolve("logs"),
                // the shared build machine's disk may be fuller than the default watermarks allow
                "-Ecluster.routing.allocation.disk.threshold_enabled=false"));
        if (security == null) {
            // the integ-test-zip carries the security module, which would switch on TLS and passwords
            command.add("-Expack.security.enabled=false");
        } else {
            // paths are relative to the config directory; transport TLS is not needed by a single node on loopback
            command.addAll(List.of("-Expack.security.enabled=true",
                    "-Expack.security.http.ssl.enabled=true",
                    "-Expack.security.http.ssl.key=certs/node.key",
                    "-Expack.security.http.ssl.certificate=certs/node.crt",
                    "-Expack.security.http.ssl.certificate_authorities=certs/ca.crt",
                    "-Expack.security.transport.ssl.enabled=false"));
        }
        Path console = logsKept.resolve("console.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()));
        nodeEnvironment(builder.environment());
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Elasticsearch from " + home, e);
        }
        try {
            awaitGreen(START_TIMEOUT);
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("Elasticsearch did not start: " + e.getMessage() + "\n--- last lines of "
                    + console + ":\n" + tail(console, 40), e);
        }
        startup = Duration.ofNanos(System.nanoTime() - began);
        System.out.printf("Elasticsearch node %s for the integration tests: %s, up in %.1f s (java %s, logs in %s)%n",
                name, url, startup.toMillis() / 1000.0, java, logsKept.toAbsolutePath());
    }

    /** The command that runs {@code script} of the distribution, as the unprivileged user when the build is root. */
    private List<String> unprivileged(String script) {
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED_ID, "--regid=" + UNPRIVILEGED_ID,
                    "--clear-groups", "--"));
        }
        command.addAll(List.of("bash", home.resolve(script).toString()));
        return command;
    }

    /** The environment the node and its command-line tools run in: its JDK and its own config and temp dirs. */
    private void nodeEnvironment(Map<String, String> env) {
        env.put("ES_JAVA_HOME", java.toString());
        env.remove("JAVA_HOME");
        // the test JVM's class path (surefire may pass it this way) would leak into the node's JVM
        env.remove("CLASSPATH");
        env.put("ES_PATH_CONF", workDir.resolve("config").toString());
        env.put("ES_TMPDIR", workDir.resolve("tmp").toString());
        env.put("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
        env.put("HOME", workDir.toString());
    }

    /** Adds a file-realm superuser with {@code elasticsearch-users}, as the user the node runs as. */
    private void addUser(String username, String password) throws IOException {
        List<String> command = unprivileged("bin/elasticsearch-users");
        command.addAll(List.of("useradd", username, "-p", password, "-r", "superuser"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        nodeEnvironment(builder.environment());
        // the tool is a small JVM: the node's heap would be wasted on it
        builder.environment().put("ES_JAVA_OPTS", "-Xms16m -Xmx64m");
        run(builder);
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        if (security != null) {
            String basic = security.username() + ":" + security.password();
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    private Security secured() {
        if (security == null) {
            throw new IllegalStateException("node " + name + " runs with security off; use securedNode(name)");
        }
        return security;
    }

    private void awaitGreen(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastProblem = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the node exited with status " + process.exitValue());
            }
            try {
                HttpResponse<String> health = http.send(authorized(HttpRequest.newBuilder(
                                url.resolve("_cluster/health?wait_for_status=green&timeout=1s")))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
                lastProblem = "cluster health answered " + health.statusCode() + ": " + health.body();
            } catch (IOException e) {
                lastProblem = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("not green within " + timeout.toSeconds() + "s (" + lastProblem + ")");
    }

    /** Terminates the node's whole process tree (the CLI launcher and the server JVM it forked); keeps its data. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (ProcessHandle handle : tree) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                handle.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception notYet) {
                handle.destroyForcibly();
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        process = null;
    }

    /** Stops the node, keeps its logs under {@code target/} and deletes its data. */
    public synchronized void close() {
        stop();
        try {
            Path logs = workDir.resolve("logs");
            if (Files.isDirectory(logs)) {
                copyTree(logs, logsKept.resolve("logs"));
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not keep the Elasticsearch logs: " + e);
        }
        deleteTree(workDir);
    }

    /** ES_JAVA_HOME, else this JVM when it is new enough, else the newest JDK 21+ under /usr/lib/jvm. */
    static Path findJavaHome() {
        String configured = System.getenv("ES_JAVA_HOME");
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured);
            int version = javaVersion(home).orElse(0);
            if (version < 21 || !Files.isExecutable(home.resolve("bin/java"))) {
                throw new IllegalStateException("ES_JAVA_HOME=" + configured + " is not a JDK 21 or newer (found "
                        + (version == 0 ? "no bin/java with a release file" : "Java " + version) + "); Elasticsearch "
                        + "9.2 needs one for the integration tests");
            }
            return home;
        }
        Path current = Path.of(System.getProperty("java.home"));
        if (Runtime.version().feature() >= 21) {
            return current;
        }
        List<Path> candidates = new ArrayList<>();
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> dirs = Files.list(jvms)) {
                dirs.filter(dir -> Files.isExecutable(dir.resolve("bin/java")))
                        .filter(dir -> javaVersion(dir).orElse(0) >= 21)
                        .forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return candidates.stream()
                .max(Comparator.comparingInt((Path dir) -> javaVersion(dir).orElse(0)).thenComparing(Path::toString))
                .orElseThrow(() -> new IllegalStateException("the integration tests start a real Elasticsearch 9.2 "
                        + "node, which needs a JDK 21 or newer, and none was found (ES_JAVA_HOME is not set, this "
                        + "build runs on Java " + Runtime.version().feature() + ", no JDK 21+ under /usr/lib/jvm). "
                        + "Install one (e.g. `apt-get install openjdk-21-jdk-headless`, or Temurin 21/25 from "
                        + "adoptium.net) or point ES_JAVA_HOME at one."));
    }

    /** The feature version in a JDK's {@code release} file ({@code JAVA_VERSION="25.0.1"} → 25). */
    static Optional<Integer> javaVersion(Path javaHome) {
        Path release = javaHome.resolve("release");
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(release, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            return Optional.empty();
        }
        String version = properties.getProperty("JAVA_VERSION", "").replace("\"", "");
        String feature = version.startsWith("1.") ? version.substring(2) : version;
        int end = 0;
        while (end < feature.length() && Character.isDigit(feature.charAt(end))) {
            end++;
        }
        return end == 0 ? Optional.empty() : Optional.of(Integer.parseInt(feature.substring(0, end)));
    }

    private static boolean isRoot() throws IOException {
        Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return uid.equals("0");
    }

    private static void run(List<String> command) throws IOException {
        run(new ProcessBuilder(command).redirectErrorStream(true));
    }

    private static void run(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", builder.command()) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /**
     * A CA and a certificate for 127.0.0.1 and localhost signed by it, made with the build JDK's {@code keytool}
     * (offline, no Elasticsearch tool needed) and written as the PEM files the node reads under
     * {@code config/certs/}; the CA is also kept outside the config directory for the clients.
     */
    private static Security generateCertificates(Path workDir) throws IOException {
        Path certs = Files.createDirectories(workDir.resolve("config/certs"));
        Path scratch = Files.createTempDirectory("caravan-es-certs-");
        try {
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            String ca = scratch.resolve("ca.p12").toString();
            String node = scratch.resolve("node.p12").toString();
            String request = scratch.resolve("node.csr").toString();
            Path nodeCertificate = certs.resolve("node.crt");
            Path caCertificate = certs.resolve("ca.crt");
            List<String> store = List.of("-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
            run(concat(List.of(keytool, "-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048",
                    "-dname", "CN=Caravan integration-test CA", "-ext", "bc:c", "-validity", "7", "-keystore", ca),
                    store));
            run(concat(List.of(keytool, "-exportcert", "-rfc", "-alias", "ca", "-keystore", ca,
                    "-file", caCertificate.toString()), store));
            run(concat(List.of(keytool, "-genkeypair", "-alias", "node", "-keyalg", "RSA", "-keysize", "2048",
                    "-dname", "CN=localhost", "-validity", "7", "-keystore", node), store));
            run(concat(List.of(keytool, "-certreq", "-alias", "node", "-keystore", node, "-file", request),
                    store));
            run(concat(List.of(keytool, "-gencert", "-alias", "ca", "-keystore", ca, "-infile", request,
                    "-outfile", nodeCertificate.toString(), "-rfc", "-validity", "7",
                    "-ext", "san=ip:127.0.0.1,dns:localhost", "-ext", "eku=serverAuth"), store));
            Files.writeString(certs.resolve("node.key"), privateKeyPem(Path.of(node), "node"),
                    StandardCharsets.US_ASCII);
            Path clientCa = workDir.resolve("http-ca.crt");
            Files.copy(caCertificate, clientCa);
            return new Security(SECURED_USER, "secret-" + UUID.randomUUID(), clientCa,
                    trusting(clientCa));
        } finally {
            deleteTree(scratch);
        }
    }

    /** The unencrypted PKCS#8 PEM of the key {@code alias} in a PKCS12 file (keytool cannot export keys). */
    private static String privateKeyPem(Path pkcs12, String alias) throws IOException {
        try (var in = Files.newInputStream(pkcs12)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, STORE_PASSWORD.toCharArray());
            Key key = keys.getKey(alias, STORE_PASSWORD.toCharArray());
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(
                    key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the key " + alias + " from " + pkcs12, e);
        }
    }

    /** A TLS context that trusts only the CA in {@code pem}. */
    private static SSLContext trusting(Path pem) throws IOException {
        try (var in = Files.newInputStream(pem)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot trust the CA in " + pem, e);
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /**
     * The credentials and CA of a secured node.
     *
     * @param username      its file-realm superuser
     * @param password      that user's password
     * @param caCertificate PEM file of the CA that signed its HTTPS certificate
     * @param sslContext    trusts that CA only
     */
    private record Security(String username, String password, Path caCertificate, SSLContext sslContext) {
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e);
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
