package io.caravan.channel.jms;

import io.caravan.auth.ApiKey;
import io.caravan.auth.ApiKeyFile;
import io.caravan.auth.ApiKeys;
import io.caravan.auth.AuditLog;
import io.caravan.auth.AuthenticationException;
import io.caravan.auth.Authenticator;
import io.caravan.auth.Identity;
import io.caravan.auth.Role;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JmsCallersTest {

    @TempDir
    Path dir;

    @Test
    void should_take_the_key_an_embedded_broker_names_by_id() {
        // given
        ApiKeyFile file = new ApiKeyFile(dir.resolve("keys.json"));
        ApiKey ana = file.create("ana", List.of("hr"), Role.READER).entry();
        JmsCallers callers = callers(file);

        // when
        Identity identity = callers.identityOf(ana.id(), "r1");

        // then
        assertThat(identity.principal()).isEqualTo("ana");
        assertThat(identity.groups()).containsExactly("hr");
    }

    @Test
    void should_give_an_external_brokers_user_only_what_all_its_keys_share() {
        // given: one principal, two keys that differ
        ApiKeyFile file = new ApiKeyFile(dir.resolve("keys.json"));
        file.create("svc", List.of("hr", "staff"), Role.EDITOR);
        file.create("svc", List.of("staff", "finance"), Role.READER);

        // when
        Identity identity = callers(file).identityOf("svc", "r1");

        // then
        assertThat(identity.groups()).containsExactly("staff");
        assertThat(identity.role()).isEqualTo(Role.READER);
    }

    @Test
    void should_refuse_a_message_without_a_validated_user_or_with_one_whose_keys_are_revoked() {
        ApiKeyFile file = new ApiKeyFile(dir.resolve("keys.json"));
        ApiKey temp = file.create("temp", List.of("hr"), Role.READER).entry();
        file.revoke("temp");
        JmsCallers callers = callers(file);

        assertThat(catchThrowableOfType(() -> callers.identityOf(null, "r1"), AuthenticationException.class)
                .reason()).isEqualTo("missing");
        assertThat(catchThrowableOfType(() -> callers.identityOf(temp.id(), "r1"), AuthenticationException.class)
                .reason()).isEqualTo("unknown_key");
        assertThat(catchThrowableOfType(() -> callers.identityOf("temp", "r1"), AuthenticationException.class)
                .reason()).isEqualTo("unknown_key");
    }

    @Test
    void should_make_every_message_anonymous_when_authentication_is_off() {
        JmsCallers off = new JmsCallers(Authenticator.off(), new AuditLog(new SimpleMeterRegistry()));
        assertThat(off.identityOf("whoever", "r1").isAnonymous()).isTrue();
    }

    private static JmsCallers callers(ApiKeyFile file) {
        return new JmsCallers(new Authenticator(new ApiKeys(file), null), new AuditLog(new SimpleMeterRegistry()));
    }
}
