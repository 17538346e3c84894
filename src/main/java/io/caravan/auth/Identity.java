package io.caravan.auth;

import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Who a validated caller is: its principal, the ACL groups whose documents it may see, and its role
 * (docs/http-api.md#authentication). Immutable.
 *
 * @param principal the caller's name ({@code sub} of a token, the principal of an API key), or {@code null} for the
 *                  anonymous caller of a Caravan without authentication
 * @param groups    its ACL groups (an admin sees every group whatever it names)
 * @param role      what it may do
 */
public record Identity(String principal, SortedSet<String> groups, Role role) {

    /** The group every caller of a Caravan without authentication has, and the default ACL of every source. */
    public static final String PUBLIC = "public";

    /**
     * Stands for "every group" in the groups a search runs with: only an admin's searches carry it. A source or key
     * can never name it, since group names are {@link #GROUP_NAME} words.
     */
    public static final String EVERY_GROUP = io.caravan.index.SearchRequest.EVERY_GROUP;

    /** What a group name may be: letters, digits and {@code . _ @ : -}, as in {@code hr}, {@code sales-emea}. */
    public static final Pattern GROUP_NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._@:-]{0,127}");

    private static final Identity ANONYMOUS = new Identity(null, new TreeSet<>(Set.of(PUBLIC)), Role.EDITOR);

    public Identity {
        Objects.requireNonNull(role, "role");
        groups = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(groups));
        for (String group : groups) {
            requireGroupName(group);
        }
    }

    public Identity(String principal, Set<String> groups, Role role) {
        this(principal, new TreeSet<>(groups), role);
    }

    /**
     * The caller when authentication is off: group {@code public}, role editor (it may upload and delete the
     * documents it sees, as every caller could before authentication existed).
     */
    public static Identity anonymous() {
        return ANONYMOUS;
    }

    /** Whether this is the anonymous caller of a Caravan without authentication. */
    public boolean isAnonymous() {
        return principal == null;
    }

    /** The groups its searches run with: its own, or {@link #EVERY_GROUP} for an admin. */
    public Set<String> searchGroups() {
        return role == Role.ADMIN ? Set.of(EVERY_GROUP) : groups;
    }

    /** Whether it may see a document labelled with {@code acl}. */
    public boolean maySee(java.util.Collection<String> acl) {
        if (role == Role.ADMIN) {
            return true;
        }
        for (String group : acl) {
            if (groups.contains(group)) {
                return true;
            }
        }
        return false;
    }

    /** Whether it may do what {@code needed} may. */
    public boolean has(Role needed) {
        return role.includes(needed);
    }

    /** Checks a group name. @throws IllegalArgumentException naming the group when it is not a valid one */
    public static String requireGroupName(String group) {
        if (group == null || !GROUP_NAME.matcher(group).matches()) {
            throw new IllegalArgumentException("\"" + group + "\" is not a group name (letters, digits and . _ @ : -,"
                    + " starting with a letter or digit)");
        }
        return group;
    }
}
