package io.caravan.ingest;

import io.caravan.auth.Identity;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.PatternSyntaxException;

/**
 * The ACL of a source's documents, chosen by ordered glob rules on the document's key (a share's relative path, an
 * object key) with the source's default ACL when none matches (docs/channels-and-sources.md#document-acls).
 * Written {@code hr/**=hr;finance/**=finance,exec}: rules apart by {@code ;}, glob and groups by {@code =}, groups
 * by {@code ,}; the first matching rule wins. Globs are the JDK's ({@link FileSystems#getDefault()}): {@code *}
 * stays within one folder, {@code **} crosses folders, {@code ?}, {@code [..]} and {@code {a,b}} as usual.
 * Parsed once, when the configuration is read, so a bad rule stops the start with the key and the rule named.
 * Immutable and thread safe.
 */
public final class AclRules {

    private final List<Rule> rules;
    private final List<String> defaultAcl;

    private AclRules(List<Rule> rules, List<String> defaultAcl) {
        this.rules = List.copyOf(rules);
        this.defaultAcl = List.copyOf(defaultAcl);
    }

    /** No rules: every document gets {@code defaultAcl}. */
    public static AclRules none(List<String> defaultAcl) {
        return parse("(none)", null, defaultAcl);
    }

    /**
     * Parses the rules of configuration key {@code key}.
     *
     * @param key        the key the rules come from, named in errors
     * @param spec       the rules, or {@code null} or blank for none
     * @param defaultAcl the ACL of a document no rule matches (the source's {@code acl} key)
     * @throws IllegalStateException naming the key and the rule when a rule has no {@code =}, a bad glob, no group,
     *                               an invalid group or the reserved {@link Identity#EVERY_GROUP}
     */
    public static AclRules parse(String key, String spec, List<String> defaultAcl) {
        Objects.requireNonNull(defaultAcl, "defaultAcl");
        List<Rule> rules = new ArrayList<>();
        if (spec != null) {
            for (String text : spec.split(";")) {
                if (!text.isBlank()) {
                    rules.add(rule(key, text.strip()));
                }
            }
        }
        try {
            return new AclRules(rules, groups(defaultAcl));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the default ACL " + defaultAcl + " beside " + key + " is invalid: "
                    + e.getMessage(), e);
        }
    }

    /** The groups of the document with key {@code key}: the first matching rule's, else the default ACL. */
    public List<String> aclOf(String key) {
        Path path = pathOf(key);
        if (path != null) {
            for (Rule rule : rules) {
                if (rule.matcher().matches(path)) {
                    return rule.acl();
                }
            }
        }
        return defaultAcl;
    }

    /** The ACL of a document no rule matches. */
    public List<String> defaultAcl() {
        return defaultAcl;
    }

    /** Whether there is no rule (every document gets the default ACL). */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    @Override
    public String toString() {
        return rules.stream().map(Rule::text).toList() + " else " + defaultAcl;
    }

    private static Rule rule(String key, String text) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw invalid(key, text, "it has no '=' between the glob and the groups");
        }
        String glob = text.substring(0, eq).strip();
        if (glob.isEmpty()) {
            throw invalid(key, text, "the glob before '=' is empty");
        }
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (PatternSyntaxException e) {
            throw invalid(key, text, "'" + glob + "' is not a glob: " + e.getDescription());
        }
        List<String> acl = new ArrayList<>();
        for (String group : text.substring(eq + 1).split(",")) {
            if (!group.isBlank()) {
                acl.add(group.strip());
            }
        }
        try {
            return new Rule(text, matcher, groups(acl));
        } catch (IllegalArgumentException e) {
            throw invalid(key, text, e.getMessage());
        }
    }

    /** Checks an ACL: at least one group, each a group name, never the admins' "every group". */
    private static List<String> groups(List<String> acl) {
        if (acl.isEmpty()) {
            throw new IllegalArgumentException("it names no group");
        }
        for (String group : acl) {
            if (Identity.EVERY_GROUP.equals(group)) {
                throw new IllegalArgumentException("\"" + Identity.EVERY_GROUP + "\" stands for every group in admin "
                        + "searches and cannot label a document");
            }
            Identity.requireGroupName(group);
        }
        return List.copyOf(acl);
    }

    // a key the platform cannot take as a path (a NUL in an object key) matches no rule
    private static Path pathOf(String key) {
        try {
            return Path.of(key);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static IllegalStateException invalid(String key, String rule, String why) {
        return new IllegalStateException("configuration key " + key + " has an invalid rule '" + rule + "': " + why
                + " (rules look like hr/**=hr;finance/**=finance,exec)");
    }

    private record Rule(String text, PathMatcher matcher, List<String> acl) {
    }
}
