package io.caravan.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AclRulesTest {

    private static final String KEY = "caravan.sources.file.acl-rules";
    private static final List<String> PUBLIC = List.of("public");

    @Test
    void should_give_the_groups_of_the_first_matching_rule() {
        // given: the second rule also matches hr/secret/, but the first one wins
        AclRules rules = AclRules.parse(KEY, "hr/secret/**=hr-leads; hr/**=hr ;finance/**=finance, exec", PUBLIC);

        // when / then
        assertThat(rules.aclOf("hr/secret/pay.xlsx")).containsExactly("hr-leads");
        assertThat(rules.aclOf("hr/handbook.pdf")).containsExactly("hr");
        assertThat(rules.aclOf("finance/2024/q1.pdf")).containsExactly("finance", "exec");
    }

    @Test
    void should_give_the_default_acl_when_no_rule_matches() {
        // given
        AclRules rules = AclRules.parse(KEY, "hr/**=hr", List.of("staff", "public"));

        // when / then
        assertThat(rules.aclOf("notes.txt")).containsExactly("staff", "public");
        assertThat(rules.aclOf("hrx/notes.txt")).containsExactly("staff", "public");
        assertThat(rules.aclOf("hr")).containsExactly("staff", "public");
    }

    @Test
    void should_cross_folders_with_double_star_only() {
        // given
        AclRules rules = AclRules.parse(KEY, "top/*=shallow;deep/**=deep", PUBLIC);

        // when / then
        assertThat(rules.aclOf("top/a.txt")).containsExactly("shallow");
        assertThat(rules.aclOf("top/sub/a.txt")).containsExactly("public");
        assertThat(rules.aclOf("deep/a.txt")).containsExactly("deep");
        assertThat(rules.aclOf("deep/sub/sub/a.txt")).containsExactly("deep");
    }

    @Test
    void should_match_file_types_anywhere_and_alternatives() {
        // given
        AclRules rules = AclRules.parse(KEY, "**.xlsx=finance;{legal,contracts}/**=legal", PUBLIC);

        // when / then
        assertThat(rules.aclOf("a/b/budget.xlsx")).containsExactly("finance");
        assertThat(rules.aclOf("budget.xlsx")).containsExactly("finance");
        assertThat(rules.aclOf("contracts/nda.pdf")).containsExactly("legal");
    }

    @Test
    void should_have_no_rules_when_empty_or_blank() {
        assertThat(AclRules.parse(KEY, null, PUBLIC).isEmpty()).isTrue();
        assertThat(AclRules.parse(KEY, " ; ", PUBLIC).aclOf("hr/x")).isEqualTo(PUBLIC);
        assertThat(AclRules.none(List.of("staff")).aclOf("anything")).containsExactly("staff");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hr/**", "hr/**=", "=hr", "hr/[a=hr", "hr/{a=hr", "hr/**=h r", "hr/**=*", "hr/**=hr,*",
            "hr/**=-hr"})
    void should_refuse_a_bad_rule_naming_the_key_and_the_rule(String rule) {
        assertThatThrownBy(() -> AclRules.parse(KEY, "ok/**=ok;" + rule, PUBLIC))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(KEY)
                .hasMessageContaining("'" + rule + "'");
    }

    @Test
    void should_say_why_the_every_group_wildcard_is_refused() {
        assertThatThrownBy(() -> AclRules.parse(KEY, "hr/**=*", PUBLIC))
                .hasMessageContaining("every group");
    }

    @Test
    void should_refuse_a_default_acl_naming_every_group() {
        assertThatThrownBy(() -> AclRules.parse(KEY, "", List.of("*")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(KEY);
    }
}
