package io.caravan.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportFileTest {

    @TempDir
    Path temp;

    @Test
    void should_accept_a_new_file_in_an_existing_folder() {
        // when / then
        assertThatCode(() -> ReportFile.check(temp.resolve("report.html"))).doesNotThrowAnyException();
    }

    @Test
    void should_refuse_a_file_in_a_folder_that_does_not_exist__naming_the_folder() {
        // given
        Path file = temp.resolve("missing").resolve("report.html");

        // when / then
        assertThatThrownBy(() -> ReportFile.check(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--report " + file + ": the folder " + temp.resolve("missing") + " does not exist");
    }

    @Test
    void should_refuse_a_folder() {
        // when / then
        assertThatThrownBy(() -> ReportFile.check(temp)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--report " + temp + " is a folder, not a file");
    }
}
