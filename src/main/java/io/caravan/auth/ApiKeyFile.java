package io.caravan.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.caravan.json.Json;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Reads and changes the API key file (docs/http-api.md#api-keys): a JSON document {@code {"keys":[...]}} of
 * {@link ApiKey} entries. Every change is made under an exclusive lock on {@code <file>.lock} (two {@code keys}
 * commands at once do not lose each other's key) and written to a temporary file that replaces the old one in one
 * atomic rename (a running Caravan never reads half a file). The file is readable by its owner only.
 */
public final class ApiKeyFile {

    /** What every key starts with, so a leaked one is easy to recognise and to scan for. */
    public static final String KEY_PREFIX = "cvk_";
    private static final int KEY_BYTES = 32;
    private static final ObjectMapper JSON = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Clock clock;

    public ApiKeyFile(Path file) {
        this(file, Clock.systemUTC());
    }

    ApiKeyFile(Path file, Clock clock) {
        this.file = file.toAbsolutePath();
        this.clock = clock;
    }

    /** A new key and its entry; the key exists nowhere else, so this is the only time anyone sees it. */
    public record Created(ApiKey entry, String key) {
    }

    /** The file's path. */
    public Path path() {
        return file;
    }

    /** Every entry, revoked ones too; none when the file does not exist. @throws IllegalStateException if corrupt */
    public List<ApiKey> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the API key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Creates a key for {@code principal}; the file and its folder are created when missing. */
    public Created create(String principal, List<String> groups, Role role) {
        if (principal == null || principal.isBlank()) {
            throw new IllegalArgumentException("a key needs a principal (--principal)");
        }
        String key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(KEY_BYTES));
        ApiKey[] created = new ApiKey[1];
        change(keys -> {
            String id;
            do {
                id = "key-" + HexFormat.of().formatHex(randomBytes(4));
            } while (find(keys, id) != null);
            created[0] = new ApiKey(id, principal.strip(), groups, role, hashOf(key), clock.instant(), null);
            List<ApiKey> changed = new ArrayList<>(keys);
            changed.add(created[0]);
            return changed;
        });
        return new Created(created[0], key);
    }

    /**
     * Revokes the key with id {@code idOrPrincipal}, or else every valid key of that principal; revoked entries stay
     * in the file (listed as revoked, so a caller still presenting one is logged as such).
     *
     * @return the entries revoked now (none when nothing matched)
     */
    public List<ApiKey> revoke(String idOrPrincipal) {
        List<ApiKey> revoked = new ArrayList<>();
        change(keys -> {
            boolean byId = find(keys, idOrPrincipal) != null;
            Instant now = clock.instant();
            List<ApiKey> changed = new ArrayList<>(keys.size());
            for (ApiKey key : keys) {
                boolean match = byId ? key.id().equals(idOrPrincipal) : key.principal().equals(idOrPrincipal);
                if (match && key.isValid()) {
                    key = key.revoked(now);
                    revoked.add(key);
                }
                changed.add(key);
            }
            return changed;
        });
        return revoked;
    }

    /** {@code sha256:} and the hex SHA-256 of {@code key}, as entries store it. */
    public static String hashOf(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    static List<ApiKey> parse(String json) throws IOException {
        if (json.isBlank()) {
            return List.of();
        }
        Map<String, List<ApiKey>> document = JSON.readValue(json, new TypeReference<Map<String, List<ApiKey>>>() {
        });
        List<ApiKey> keys = document.get("keys");
        return keys == null ? List.of() : List.copyOf(keys);
    }

    private void change(UnaryOperator<List<ApiKey>> edit) {
        try {
            Files.createDirectories(file.getParent());
            Path lock = file.resolveSibling(file.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                write(edit.apply(read()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the API key file " + file + ": " + e.getMessage(), e);
        }
    }

    private void write(List<ApiKey> keys) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            ownerOnly(temp);
            Files.writeString(temp, JSON.writeValueAsString(new Document(keys)) + "\n", StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void ownerOnly(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the folder's ACL applies
        }
    }

    private static ApiKey find(List<ApiKey> keys, String id) {
        return keys.stream().filter(k -> k.id().equals(id)).findFirst().orElse(null);
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private record Document(@JsonProperty("keys") List<ApiKey> keys) {
    }
}
