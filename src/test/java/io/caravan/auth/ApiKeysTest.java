package io.caravan.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeysTest {

    @TempDir
    Path dir;

    @Test
    void should_take_new_and_revoked_keys_into_account_without_a_restart() {
        // given: a running Caravan's keys, and the file changed beside it by the keys command
        ApiKeyFile file = new ApiKeyFile(dir.resolve("keys.json"));
        ApiKeys keys = new ApiKeys(file);
        ApiKeyFile.Created ana = file.create("ana", List.of("hr", "staff"), Role.READER);

        // when / then: the new key works at once
        Identity identity = keys.authenticate(ana.key());
        assertThat(identity.principal()).isEqualTo("ana");
        assertThat(identity.groups()).containsExactly("hr", "staff");
        assertThat(identity.role()).isEqualTo(Role.READER);

        // when: revoked
        file.revoke("ana");

        // then
        assertThatThrownBy(() -> keys.authenticate(ana.key())).isInstanceOf(AuthenticationException.class)
                .extracting(e -> ((AuthenticationException) e).reason()).isEqualTo("revoked_key");
    }

    @Test
    void should_refuse_an_unknown_key_without_repeating_it() {
        ApiKeyFile file = new ApiKeyFile(dir.resolve("keys.json"));
        file.create("ana", List.of("hr"), Role.READER);
        ApiKeys keys = new ApiKeys(file);
        assertThatThrownBy(() -> keys.authenticate("cvk_guess")).isInstanceOf(AuthenticationException.class)
                .hasMessageNotContaining("cvk_guess")
                .extracting(e -> ((AuthenticationException) e).reason()).isEqualTo("unknown_key");
    }

    @Test
    void should_keep_the_last_good_keys_when_the_file_is_edited_into_nonsense() throws Exception {
        // given
        ApiKeyFile file = new ApiKeyFile(dir.resolve("keys.json"));
        ApiKeyFile.Created ana = file.create("ana", List.of("hr"), Role.READER);
        ApiKeys keys = new ApiKeys(file);

        // when
        Files.writeString(file.path(), "{ not json");

        // then
        assertThat(keys.authenticate(ana.key()).principal()).isEqualTo("ana");
    }

    @Test
    void should_accept_no_key_while_the_file_is_missing() {
        ApiKeys keys = new ApiKeys(new ApiKeyFile(dir.resolve("missing.json")));
        assertThat(keys.isEmpty()).isTrue();
        assertThatThrownBy(() -> keys.authenticate("cvk_x")).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void should_find_a_principals_valid_keys_and_a_valid_key_by_id() {
        ApiKeyFile file = new ApiKeyFile(dir.resolve("keys.json"));
        ApiKey first = file.create("svc", List.of("hr"), Role.READER).entry();
        ApiKey second = file.create("svc", List.of("hr", "finance"), Role.READER).entry();
        file.revoke(first.id());
        ApiKeys keys = new ApiKeys(file);
        assertThat(keys.validKeysOf("svc")).extracting(ApiKey::id).containsExactly(second.id());
        assertThat(keys.validKeyWithId(second.id())).isPresent();
        assertThat(keys.validKeyWithId(first.id())).isEmpty();
    }
}
