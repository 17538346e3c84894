package io.caravan.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the {@link Identity} a verified token stands for: the principal from one claim, the ACL groups from
 * another, the role from a third (docs/http-api.md#authentication). The groups are the token's and nothing else.
 * Immutable, thread safe.
 */
final class JwtIdentityMapper {

    private static final Logger LOG = LoggerFactory.getLogger(JwtIdentityMapper.class);
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");

    private final String principalClaim;
    private final String groupsClaim;
    private final String roleClaim;
    private final Role defaultRole;

    JwtIdentityMapper(String principalClaim, String groupsClaim, String roleClaim, Role defaultRole) {
        this.principalClaim = principalClaim;
        this.groupsClaim = groupsClaim;
        this.roleClaim = roleClaim;
        this.defaultRole = defaultRole;
    }

    /** @throws AuthenticationException {@code invalid_token} when the principal claim is missing or not a string */
    Identity identityOf(JWTClaimsSet claims) {
        return new Identity(principalOf(claims), groupsOf(claims), roleOf(claims));
    }

    private String principalOf(JWTClaimsSet claims) {
        if (claims.getClaim(principalClaim) instanceof String principal && !principal.isBlank()) {
            return principal;
        }
        throw new AuthenticationException("invalid_token",
                "the token has no \"" + principalClaim + "\" claim to name the caller");
    }

    /** Valid group names only: a bad one is dropped, never fatal, since the issuer's other groups are still right. */
    private Set<String> groupsOf(JWTClaimsSet claims) {
        Set<String> groups = new TreeSet<>();
        for (String name : namesIn(claims.getClaim(groupsClaim), groupsClaim)) {
            if (Identity.GROUP_NAME.matcher(name).matches()) {
                groups.add(name);
            } else {
                LOG.debug("dropped group \"{}\" of the token's \"{}\" claim: not a group name", name, groupsClaim);
            }
        }
        return groups;
    }

    /** The highest role the claim names; unknown names are ignored, and none at all gives the default role. */
    private Role roleOf(JWTClaimsSet claims) {
        Role highest = null;
        for (String name : namesIn(claims.getClaim(roleClaim), roleClaim)) {
            try {
                Role role = Role.of(name);
                if (highest == null || role.includes(highest)) {
                    highest = role;
                }
            } catch (IllegalArgumentException unknown) {
                LOG.debug("ignored role \"{}\" of the token's \"{}\" claim: not reader, editor or admin", name,
                        roleClaim);
            }
        }
        return highest == null ? defaultRole : highest;
    }

    /** The strings of a JSON array, or the words of a space or comma separated string. */
    private static List<String> namesIn(Object value, String claim) {
        List<String> names = new ArrayList<>();
        if (value instanceof String text) {
            for (String word : SEPARATORS.split(text.strip())) {
                if (!word.isEmpty()) {
                    names.add(word);
                }
            }
        } else if (value instanceof Collection<?> items) {
            for (Object item : items) {
                if (item instanceof String name) {
                    names.add(name.strip());
                } else {
                    LOG.debug("ignored a non-string item of the token's \"{}\" claim", claim);
                }
            }
        } else if (value != null) {
            LOG.debug("ignored the token's \"{}\" claim: neither a string nor an array", claim);
        }
        return names;
    }
}
