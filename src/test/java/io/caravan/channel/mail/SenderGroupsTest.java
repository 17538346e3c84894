package io.caravan.channel.mail;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SenderGroupsTest {

    @Test
    void should_give_an_address_its_own_groups_before_its_domains_and_others_the_default() {
        SenderGroups groups = new SenderGroups("ana@corp.example=hr,staff; @corp.example=staff;partner.example=ext",
                List.of("public"));
        assertThat(groups.of("Ana@Corp.Example")).containsExactlyInAnyOrder("hr", "staff");
        assertThat(groups.of("bob@corp.example")).containsExactly("staff");
        assertThat(groups.of("eve@partner.example")).containsExactly("ext");
        assertThat(groups.of("joe@elsewhere.example")).containsExactly("public");
        assertThat(groups.of(null)).containsExactly("public");
    }

    @Test
    void should_refuse_an_entry_without_groups_or_with_a_bad_group() {
        assertThatThrownBy(() -> new SenderGroups("ana@corp.example", List.of("public")))
                .hasMessageContaining("caravan.mail.sender-groups").hasMessageContaining("ana@corp.example");
        assertThatThrownBy(() -> new SenderGroups("ana@corp.example=*", List.of("public")))
                .hasMessageContaining("not a group name");
    }
}
