package io.caravan.channel.mail;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which addresses may ask by e-mail: exact addresses ({@code ana@example.com}) and whole domains
 * ({@code @example.com} or {@code example.com}). An empty list allows nobody. Immutable, so thread safe.
 */
public final class AllowedSenders {

    private final Set<String> addresses;
    private final Set<String> domains;

    /** @param entries addresses and domains, as in {@code caravan.mail.allowed-senders} */
    public AllowedSenders(List<String> entries) {
        List<String> cleaned = entries.stream().map(e -> e.strip().toLowerCase(Locale.ROOT))
                .filter(e -> !e.isEmpty()).toList();
        this.addresses = cleaned.stream().filter(e -> e.indexOf('@') > 0).collect(Collectors.toUnmodifiableSet());
        this.domains = cleaned.stream().filter(e -> e.indexOf('@') <= 0)
                .map(e -> e.startsWith("@") ? e.substring(1) : e).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether nobody is allowed. */
    public boolean isEmpty() {
        return addresses.isEmpty() && domains.isEmpty();
    }

    /** Whether {@code address} may ask; {@code null} never may. */
    public boolean allows(String address) {
        if (address == null) {
            return false;
        }
        String lower = address.strip().toLowerCase(Locale.ROOT);
        int at = lower.lastIndexOf('@');
        return addresses.contains(lower) || at > 0 && domains.contains(lower.substring(at + 1));
    }

    @Override
    public String toString() {
        return "addresses=" + addresses + " domains=" + domains;
    }
}
