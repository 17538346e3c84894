package io.caravan.it;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.caravan.auth.ApiKeyFile;
import io.caravan.auth.Role;
import io.caravan.auth.TestIssuer;
import io.caravan.bench.BeirCorpus;
import io.caravan.bench.LatencyStats;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What authentication costs a question over HTTP, measured in one run: two Caravans on the same SciFact documents,
 * one without authentication and one with an API key file and a token issuer, asked the same questions in turn
 * (without, with the key, with a JWT), extractive, answer cache off. Not a test; run with
 * {@code mvn -o test -Dcaravan.bench=true -Dtest=AuthLatencyBench [-Dcaravan.bench.beir=BEIR_DIR]
 * [-Dcaravan.bench.documents=200]}.
 */
@EnabledIfSystemProperty(named = "caravan.bench", matches = "true")
class AuthLatencyBench {

    private static final int QUESTIONS = 200;
    private static final int WARMUP = 20;

    @TempDir
    Path dir;

    @Test
    void measure() throws Exception {
        Path beir = Path.of(System.getProperty("caravan.bench.beir", "/work/shared/eval-data/scifact/beir"));
        int documents = Integer.getInteger("caravan.bench.documents", 200);
        List<BeirCorpus.Document> corpus = BeirCorpus.readDocuments(beir.resolve("corpus.jsonl"), documents);
        List<BeirCorpus.Query> queries = BeirCorpus.readQueries(beir.resolve("queries.jsonl"), QUESTIONS + WARMUP);
        Path keys = dir.resolve("keys.json");
        String key = new ApiKeyFile(keys).create("bench", List.of("public"), Role.READER).key();
        RSAKey signing = new RSAKeyGenerator(2048).keyID("bench").generate();
        Map<String, String> common = Map.of("caravan.cache.enabled", "false", "caravan.jms.enabled", "false");

        try (TestIssuer issuer = new TestIssuer();
             RunningCaravan open = start("open", common, Map.of(), corpus);
             RunningCaravan guarded = start("guarded", common, Map.of("caravan.auth.api-keys-file", keys.toString(),
                     "caravan.auth.jwt.issuer", issuer.issuer(), "caravan.auth.jwt.audience", "bench"), corpus)) {
            issuer.publish(signing);
            String token = token(signing, issuer.issuer());
            long[][] nanos = new long[3][QUESTIONS];
            for (int i = 0; i < QUESTIONS + WARMUP; i++) {
                String question = queries.get(i).text();
                long[] round = {ask(open, null, question), ask(guarded, key, question), ask(guarded, token, question)};
                if (i >= WARMUP) {
                    for (int c = 0; c < 3; c++) {
                        nanos[c][i - WARMUP] = round[c];
                    }
                }
            }
            LatencyStats off = LatencyStats.ofNanos(nanos[0]);
            LatencyStats withKey = LatencyStats.ofNanos(nanos[1]);
            LatencyStats withToken = LatencyStats.ofNanos(nanos[2]);
            System.out.printf(Locale.ROOT, "%d documents, %d questions over HTTP, extractive, cache off, interleaved%n",
                    corpus.size(), QUESTIONS);
            System.out.printf(Locale.ROOT, "auth off        p50 %.2f ms (p90 %.2f)%n", off.percentileMs(50),
                    off.percentileMs(90));
            System.out.printf(Locale.ROOT, "auth on, key    p50 %.2f ms (p90 %.2f)  ratio %.3f%n",
                    withKey.percentileMs(50), withKey.percentileMs(90), withKey.percentileMs(50) / off.percentileMs(50));
            System.out.printf(Locale.ROOT, "auth on, JWT    p50 %.2f ms (p90 %.2f)  ratio %.3f%n",
                    withToken.percentileMs(50), withToken.percentileMs(90),
                    withToken.percentileMs(50) / off.percentileMs(50));
        }
    }

    private RunningCaravan start(String name, Map<String, String> common, Map<String, String> auth,
                                 List<BeirCorpus.Document> corpus) throws Exception {
        Map<String, String> config = new java.util.HashMap<>(common);
        config.putAll(auth);
        Path inbox = Files.createDirectories(dir.resolve(name + "-inbox"));
        RunningCaravan caravan = RunningCaravan.start(Files.createDirectories(dir.resolve(name + "-data")), inbox,
                config);
        NotifyBuilder indexed = caravan.notifier().fromRoute("source-file").whenCompleted(corpus.size()).create();
        for (BeirCorpus.Document document : corpus) {
            Files.writeString(inbox.resolve(document.id() + ".txt"), document.fileText());
        }
        RunningCaravan.await(indexed, 1800);
        return caravan;
    }

    private static long ask(RunningCaravan caravan, String credential, String question) {
        HttpRequest.Builder request = caravan.request("/api/ask").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\":" + quoted(question) + "}"));
        if (credential != null) {
            request.header("Authorization", "Bearer " + credential);
        }
        long start = System.nanoTime();
        HttpResponse<String> response = caravan.send(request);
        long elapsed = System.nanoTime() - start;
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return elapsed;
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String token(RSAKey key, String issuer) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience("bench").subject("bench")
                .claim("groups", List.of("public")).expirationTime(Date.from(Instant.now().plusSeconds(3600))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
