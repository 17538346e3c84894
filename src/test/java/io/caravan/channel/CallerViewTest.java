package io.caravan.channel;

import io.caravan.auth.Identity;
import io.caravan.auth.Role;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CallerViewTest {

    @Test
    void should_say_authentication_is_off_for_the_anonymous_caller_who_may_manage_documents() {
        // when
        CallerView view = CallerView.of(Identity.anonymous(), false);

        // then
        assertThat(view.authentication()).isFalse();
        assertThat(view.principal()).isNull();
        assertThat(view.groups()).containsExactly(Identity.PUBLIC);
        assertThat(view.mayManage()).isTrue();
    }

    @Test
    void should_let_an_editor_but_not_a_reader_manage_documents() {
        // when
        CallerView reader = CallerView.of(new Identity("ana", Set.of("staff"), Role.READER), true);
        CallerView editor = CallerView.of(new Identity("eda", Set.of("staff", "hr"), Role.EDITOR), true);

        // then
        assertThat(reader.mayManage()).isFalse();
        assertThat(reader.role()).isEqualTo(Role.READER);
        assertThat(editor.mayManage()).isTrue();
        assertThat(editor.groups()).containsExactly("hr", "staff");
        assertThat(editor.authentication()).isTrue();
    }
}
