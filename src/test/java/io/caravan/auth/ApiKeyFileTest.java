package io.caravan.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeyFileTest {

    @TempDir
    Path dir;

    @Test
    void should_store_only_the_hash_of_a_new_key_of_at_least_128_random_bits() throws Exception {
        // given
        ApiKeyFile file = new ApiKeyFile(dir.resolve("etc/keys.json"));

        // when
        ApiKeyFile.Created created = file.create("ana", List.of("hr", "staff"), Role.EDITOR);

        // then
        String stored = Files.readString(file.path());
        assertThat(stored).doesNotContain(created.key()).contains(ApiKeyFile.hashOf(created.key()));
        assertThat(created.key()).startsWith(ApiKeyFile.KEY_PREFIX);
        byte[] secret = Base64.getUrlDecoder().decode(created.key().substring(ApiKeyFile.KEY_PREFIX.length()));
        assertThat(secret.length * 8).isGreaterThanOrEqualTo(128);
        assertThat(file.read()).singleElement().satisfies(key -> {
            assertThat(key.principal()).isEqualTo("ana");
            assertThat(key.groups()).containsExactly("hr", "staff");
            assertThat(key.role()).isEqualTo(Role.EDITOR);
            assertThat(key.id()).matches("key-[0-9a-f]{8}");
            assertThat(key.isValid()).isTrue();
        });
        assertThat(stored).contains("\"role\" : \"editor\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");
    }

    @Test
    void should_make_a_different_key_each_time() {
        ApiKeyFile file = new ApiKeyFile(dir.resolve("keys.json"));
        String first = file.create("ana", List.of("hr"), Role.READER).key();
        String second = file.create("ana", List.of("hr"), Role.READER).key();
        assertThat(first).isNotEqualTo(second);
        assertThat(file.read()).hasSize(2);
    }

    @Test
    void should_revoke_one_key_by_id_or_every_key_of_a_principal_and_keep_them_listed() {
        // given
        ApiKeyFile file = new ApiKeyFile(dir.resolve("keys.json"));
        ApiKey one = file.create("ana", List.of("hr"), Role.READER).entry();
        file.create("ana", List.of("hr"), Role.READER);
        ApiKey bob = file.create("bob", List.of("finance"), Role.READER).entry();

        // when / then
        assertThat(file.revoke(one.id())).extracting(ApiKey::id).containsExactly(one.id());
        assertThat(file.revoke("ana")).hasSize(1);
        assertThat(file.revoke("ana")).isEmpty();
        assertThat(file.revoke("nobody")).isEmpty();
        assertThat(file.read()).hasSize(3);
        assertThat(file.read()).filteredOn(ApiKey::isValid).extracting(ApiKey::id).containsExactly(bob.id());
    }

    @Test
    void should_refuse_a_group_that_is_not_a_group_name() {
        ApiKeyFile file = new ApiKeyFile(dir.resolve("keys.json"));
        assertThatThrownBy(() -> file.create("ana", List.of("*"), Role.READER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"*\" is not a group name");
        assertThatThrownBy(() -> file.create(" ", List.of("hr"), Role.READER))
                .hasMessageContaining("principal");
        assertThat(file.read()).isEmpty();
    }
}
