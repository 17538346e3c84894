package io.caravan.auth;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AuditLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger("caravan.audit");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AuditLog audit = new AuditLog(meters);

    @BeforeEach
    void listen() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(lines);
    }

    @Test
    void should_write_one_line_per_answered_question_with_who_which_groups_and_the_cited_documents() {
        audit.answered("r1", "ana", Set.of("staff", "hr"), "http", List.of("hr/leave.md", "hr/leave.md", "a.pdf"));

        assertThat(lines.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).isEqualTo(
                "question answered requestId=r1 principal=\"ana\" groups=hr,staff channel=http cited=hr/leave.md,a.pdf");
    }

    @Test
    void should_count_a_refused_credential_by_channel_and_reason_and_keep_a_forged_principal_on_one_line() {
        audit.authenticationFailed("r2", "jms", "unknown_key", "eve\nrequest denied requestId=fake");

        assertThat(lines.list).singleElement().extracting(ILoggingEvent::getFormattedMessage)
                .asString().doesNotContain("\n").contains("reason=unknown_key").contains("caller=\"eve_request");
        assertThat(meters.get("caravan.auth.failures").tag("channel", "jms").tag("reason", "unknown_key").counter()
                .count()).isEqualTo(1.0);
        assertThat(meters.get("caravan.auth.failures").counter().getId().getTags())
                .extracting(t -> t.getKey()).containsExactlyInAnyOrder("channel", "reason");
    }
}
