package io.caravan.channel.mail;

import io.caravan.auth.Identity;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ACL groups of an e-mail caller (docs/channels-and-sources.md#e-mail-questions): {@code caravan.mail.sender-groups}
 * maps addresses and whole domains to groups, {@code ana@corp.example=hr,staff;@corp.example=staff}; an exact address
 * wins over its domain, and an allowed sender named by neither gets {@code caravan.mail.groups}. Immutable, so thread
 * safe.
 */
public final class SenderGroups {

    private final Map<String, Set<String>> addresses = new HashMap<>();
    private final Map<String, Set<String>> domains = new HashMap<>();
    private final Set<String> others;

    /**
     * @param mapping as in {@code caravan.mail.sender-groups}; {@code null} or blank maps nobody
     * @param others  the groups of every other allowed sender
     * @throws IllegalStateException naming the key and the entry that is not {@code address=group,...}
     */
    public SenderGroups(String mapping, List<String> others) {
        this.others = Set.copyOf(new TreeSet<>(others));
        if (mapping == null) {
            return;
        }
        for (String entry : mapping.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            String who = equals < 0 ? "" : entry.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            Set<String> groups = new TreeSet<>();
            if (equals >= 0) {
                for (String group : entry.substring(equals + 1).split(",")) {
                    if (!group.isBlank()) {
                        groups.add(checked(group.strip(), entry));
                    }
                }
            }
            if (who.isEmpty() || groups.isEmpty() || who.indexOf('@') != who.lastIndexOf('@')) {
                throw new IllegalStateException("caravan.mail.sender-groups: \"" + entry.strip() + "\" is not "
                        + "address=group,... or @domain=group,...");
            }
            if (who.startsWith("@")) {
                domains.put(who.substring(1), Set.copyOf(groups));
            } else if (who.indexOf('@') > 0) {
                addresses.put(who, Set.copyOf(groups));
            } else {
                domains.put(who, Set.copyOf(groups));
            }
        }
    }

    /** The groups of {@code sender}: its own, else its domain's, else the default. */
    public Set<String> of(String sender) {
        if (sender == null) {
            return others;
        }
        String lower = sender.strip().toLowerCase(Locale.ROOT);
        Set<String> own = addresses.get(lower);
        if (own != null) {
            return own;
        }
        int at = lower.lastIndexOf('@');
        return at > 0 ? domains.getOrDefault(lower.substring(at + 1), others) : others;
    }

    private static String checked(String group, String entry) {
        try {
            return Identity.requireGroupName(group);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("caravan.mail.sender-groups: in \"" + entry.strip() + "\": "
                    + e.getMessage());
        }
    }
}
