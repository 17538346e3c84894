package io.caravan.channel;

import java.util.Set;

/**
 * Decides which ACL groups a caller belongs to. Until API keys exist every caller is {@code public}.
 * Thread safe.
 */
public class Callers {

    /** The group every caller has. */
    public static final String PUBLIC = "public";

    /** The groups of the caller presenting {@code authorization} (may be {@code null}). */
    public Set<String> groupsFor(String authorization) {
        return Set.of(PUBLIC);
    }
}
