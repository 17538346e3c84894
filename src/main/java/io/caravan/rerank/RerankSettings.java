package io.caravan.rerank;

/**
 * The {@code caravan.rerank.*} keys: which reranker, and how much its scores count.
 *
 * @param model              the reranker's name ({@link Rerankers#names()})
 * @param candidates         how many of the first hits the model scores
 * @param weight             share of an in-process model's score in the final one, 0..1
 * @param llmWeight          share of the LLM's grade in the final score, 0..1
 * @param llmBatchSize       passages graded per LLM request
 * @param llmMaxPassageChars characters of each passage put in the LLM's prompt
 */
public record RerankSettings(String model, int candidates, double weight, double llmWeight, int llmBatchSize,
                             int llmMaxPassageChars) {

    public RerankSettings {
        if (!Rerankers.names().contains(model)) {
            throw new IllegalStateException("caravan.rerank.model must be one of " + Rerankers.names() + ", was '"
                    + model + "'");
        }
    }

    /** The same settings naming another reranker (the evaluation's in-process default, say). */
    public RerankSettings withModel(String otherModel) {
        return new RerankSettings(otherModel, candidates, weight, llmWeight, llmBatchSize, llmMaxPassageChars);
    }
}
