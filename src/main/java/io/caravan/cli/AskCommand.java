package io.caravan.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.CaravanRuntime;
import io.caravan.answer.Answer;
import io.caravan.answer.Citation;
import io.caravan.answer.Question;
import io.caravan.auth.Identity;
import io.caravan.json.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** {@code caravan ask "QUESTION"}: answers one question from the index and exits. */
@Command(name = "ask", mixinStandardHelpOptions = true, description = "Answer one question from the index, with numbered citations.")
public class AskCommand implements java.util.concurrent.Callable<Integer> {

    @Parameters(index = "0", paramLabel = "QUESTION")
    String question;

    @Option(names = "--json", description = "print the answer as the HTTP API's JSON")
    boolean json;

    @CommandLine.Unmatched
    List<String> config = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        try (CaravanRuntime runtime = OfflineRuntime.start(ConfigOverrides.parse(config))) {
            Question q = new Question(UUID.randomUUID().toString(), question, null, null, null,
                    Set.of(Identity.PUBLIC), "cli");
            Answer answer = runtime.context().createProducerTemplate().requestBody("direct:ask", q, Answer.class);
            if (json) {
                ObjectMapper mapper = Json.newMapper();
                System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
            } else {
                System.out.println(answer.answer());
                if (answer.degraded()) {
                    System.err.println("(the LLM did not answer, see the log: this answer is extractive)");
                }
                System.out.println();
                for (Citation c : answer.citations()) {
                    System.out.printf("[%d] %s%s — %s%n", c.n(), c.docId(), c.page() == null ? "" : " p." + c.page(),
                            c.title());
                }
            }
            return 0;
        }
    }
}
