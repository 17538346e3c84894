package io.caravan.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AuthenticatorTest {

    @TempDir
    Path dir;

    @Test
    void should_make_every_caller_anonymous_in_group_public_when_off() {
        Authenticator off = Authenticator.off();
        assertThat(off.isOn()).isFalse();
        Identity anyone = off.authenticate(null);
        assertThat(anyone.isAnonymous()).isTrue();
        assertThat(anyone.searchGroups()).containsExactly("public");
    }

    @Test
    void should_need_a_bearer_credential_when_on() {
        ApiKeyFile file = new ApiKeyFile(dir.resolve("keys.json"));
        String key = file.create("ana", List.of("hr"), Role.READER).key();
        Authenticator on = new Authenticator(new ApiKeys(file), null);

        assertThat(on.authenticate("Bearer " + key).principal()).isEqualTo("ana");
        assertThat(on.authenticate("bearer   " + key + " ").principal()).isEqualTo("ana");
        assertThat(reason(on, null)).isEqualTo("missing");
        assertThat(reason(on, "Basic YW5hOnNlY3JldA==")).isEqualTo("malformed");
        assertThat(reason(on, "Bearer ")).isEqualTo("malformed");
        assertThat(reason(on, "Bearer cvk_wrong")).isEqualTo("unknown_key");
    }

    @Test
    void should_send_a_jwt_shaped_credential_to_the_token_verifier() {
        Identity tokenCaller = new Identity("sub-1", Set.of("finance"), Role.READER);
        Authenticator on = new Authenticator(null, token -> {
            if (!token.equals("aaa.bbb.ccc")) {
                throw new AuthenticationException("bad_signature", "no");
            }
            return tokenCaller;
        });
        assertThat(on.authenticate("Bearer aaa.bbb.ccc")).isEqualTo(tokenCaller);
        assertThat(reason(on, "Bearer aaa.bbb.ddd")).isEqualTo("bad_signature");
        // no key file: a key is refused, saying why
        assertThat(reason(on, "Bearer cvk_abc")).isEqualTo("unknown_key");
    }

    @Test
    void should_give_an_admin_every_group_and_others_their_own() {
        Identity admin = new Identity("root", Set.of(), Role.ADMIN);
        Identity reader = new Identity("ana", Set.of("hr"), Role.READER);
        assertThat(admin.searchGroups()).containsExactly(Identity.EVERY_GROUP);
        assertThat(admin.maySee(List.of("finance"))).isTrue();
        assertThat(reader.searchGroups()).containsExactly("hr");
        assertThat(reader.maySee(List.of("finance", "hr"))).isTrue();
        assertThat(reader.maySee(List.of("finance"))).isFalse();
        assertThat(reader.has(Role.EDITOR)).isFalse();
    }

    private static String reason(Authenticator authenticator, String header) {
        return catchThrowableOfType(() -> authenticator.authenticate(header), AuthenticationException.class)
                .reason();
    }
}
