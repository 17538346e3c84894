package io.caravan.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The API keys a running Caravan accepts, read from the key file and read again whenever the file changes, so
 * {@code caravan keys create|revoke} takes effect on the next request without a restart
 * (docs/http-api.md#api-keys). The check costs one {@code stat} per request; the file is re-read only when its
 * modification time, size or inode changed. A file that cannot be parsed (a hand edit gone wrong) leaves the last
 * good keys in force and is logged as an error; a missing file means no key is valid. Thread safe.
 */
public class ApiKeys {

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);

    private final ApiKeyFile file;
    private volatile Snapshot snapshot = new Snapshot(null, Map.of(), List.of());

    public ApiKeys(ApiKeyFile file) {
        this.file = file;
        refresh();
    }

    /** The file's keys as last read. */
    private record Snapshot(Object version, Map<String, ApiKey> byHash, List<ApiKey> all) {
    }

    /**
     * The entry of {@code key}, valid or revoked; empty when no entry has it.
     */
    public Optional<ApiKey> find(String key) {
        if (key == null || key.isEmpty()) {
            return Optional.empty();
        }
        refresh();
        return Optional.ofNullable(snapshot.byHash().get(ApiKeyFile.hashOf(key)));
    }

    /**
     * The caller presenting {@code key}.
     *
     * @throws AuthenticationException {@code unknown_key} for a key that is not in the file, {@code revoked_key}
     *                                 for one that was revoked
     */
    public Identity authenticate(String key) {
        ApiKey entry = find(key).orElseThrow(() -> new AuthenticationException("unknown_key",
                "the API key is not valid"));
        if (!entry.isValid()) {
            throw new AuthenticationException("revoked_key", "the API key was revoked");
        }
        return entry.identity();
    }

    /** The valid keys of {@code principal}: a JMS user is a principal (docs/channels-and-sources.md#jms-questions). */
    public List<ApiKey> validKeysOf(String principal) {
        refresh();
        return snapshot.all().stream().filter(k -> k.isValid() && k.principal().equals(principal)).toList();
    }

    /** The valid key with id {@code id}: the embedded broker names a JMS caller by its key's id. */
    public Optional<ApiKey> validKeyWithId(String id) {
        refresh();
        return snapshot.all().stream().filter(k -> k.isValid() && k.id().equals(id)).findFirst();
    }

    /** Whether any valid key exists. */
    public boolean isEmpty() {
        refresh();
        return snapshot.all().stream().noneMatch(ApiKey::isValid);
    }

    private void refresh() {
        Object version = versionOf();
        Snapshot current = snapshot;
        if (Objects.equals(version, current.version())) {
            return;
        }
        synchronized (this) {
            if (Objects.equals(version, snapshot.version())) {
                return;
            }
            if (version == null) {
                if (snapshot.version() != null || snapshot.all().isEmpty()) {
                    LOG.warn("API key file {} does not exist: no API key is valid (create one with caravan keys "
                            + "create)", file.path());
                }
                snapshot = new Snapshot(null, Map.of(), List.of());
                return;
            }
            try {
                List<ApiKey> keys = file.read();
                Map<String, ApiKey> byHash = new HashMap<>();
                keys.forEach(k -> byHash.put(k.hash(), k));
                snapshot = new Snapshot(version, Map.copyOf(byHash), keys);
                LOG.info("API keys read from {}: {} valid, {} revoked", file.path(),
                        keys.stream().filter(ApiKey::isValid).count(),
                        keys.stream().filter(k -> !k.isValid()).count());
            } catch (RuntimeException e) {
                // keep the last good keys; remember this version so the error is logged once per change
                snapshot = new Snapshot(version, snapshot.byHash(), snapshot.all());
                LOG.error("API key file {} cannot be read, the keys read before stay in force: {}", file.path(),
                        e.getMessage());
            }
        }
    }

    private Object versionOf() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file.path(), BasicFileAttributes.class);
            return List.of(attributes.lastModifiedTime(), attributes.size(),
                    Objects.requireNonNullElse(attributes.fileKey(), ""));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return "unreadable:" + e.getMessage();
        }
    }
}
