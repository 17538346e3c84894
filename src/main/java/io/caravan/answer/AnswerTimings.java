package io.caravan.answer;

import java.util.Map;

/** Attaches the measured stage timings to an answer. Stateless and thread safe. */
public final class AnswerTimings {

    /** The answer with a copy of {@code timings} (milliseconds per stage; may be {@code null}). */
    public Answer attach(Answer answer, Map<String, Long> timings) {
        return answer.withTimings(timings == null ? Map.of() : Map.copyOf(timings));
    }
}
