package io.caravan.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One entry of the API key file (docs/http-api.md#api-keys): who the key stands for, never the key itself, only
 * its SHA-256. A key is 256 random bits, so a plain hash is as hard to reverse as the key is to guess: no slow
 * password hash is needed, and checking a key costs one SHA-256.
 *
 * @param id        public handle for listing and revoking ({@code key-} and 8 hex digits)
 * @param principal who calls with it
 * @param groups    the ACL groups its caller sees
 * @param role      what its caller may do
 * @param hash      {@code sha256:} and the hex SHA-256 of the key
 * @param createdAt when it was created
 * @param revokedAt when it was revoked, or {@code null} while it is valid
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKey(String id, String principal, List<String> groups, Role role, String hash, Instant createdAt,
                     Instant revokedAt) {

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(hash, "hash");
        groups = List.copyOf(groups);
        groups.forEach(Identity::requireGroupName);
    }

    /** Whether it still opens the door. */
    @JsonIgnore
    public boolean isValid() {
        return revokedAt == null;
    }

    /** The caller this key stands for. */
    public Identity identity() {
        return new Identity(principal, new java.util.TreeSet<>(groups), role);
    }

    /** The same entry, revoked at {@code when}. */
    public ApiKey revoked(Instant when) {
        return new ApiKey(id, principal, groups, role, hash, createdAt, when);
    }
}
