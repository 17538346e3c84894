package io.caravan.channel;

import io.caravan.auth.Identity;
import io.caravan.auth.Role;

import java.util.Set;

/**
 * The body of {@code GET /api/me}: who the server takes the caller to be, so a client such as the web page can say
 * whether authentication is on and offer only what the caller's role allows (docs/http-api.md#who-am-i). It repeats
 * nothing the caller did not send or could not learn from a refusal: never the credential.
 *
 * @param authentication whether callers must authenticate
 * @param principal      the caller's name, {@code null} for the anonymous caller of a Caravan without authentication
 * @param role           {@code reader}, {@code editor} or {@code admin}
 * @param groups         the ACL groups whose documents it may see (an admin sees all whatever it names)
 * @param mayManage      whether it may upload and delete documents (role editor or admin)
 */
public record CallerView(boolean authentication, String principal, Role role, Set<String> groups,
                         boolean mayManage) {

    /** The view of {@code caller} on a Caravan whose authentication is {@code authenticationOn}. */
    public static CallerView of(Identity caller, boolean authenticationOn) {
        return new CallerView(authenticationOn, caller.principal(), caller.role(), caller.groups(),
                caller.has(Role.EDITOR));
    }
}
