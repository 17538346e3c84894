package io.caravan.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A corpus of abstract-like English documents and questions about them, generated from a seed: the same seed gives
 * the same texts on every machine and Java version ({@link Random} is specified), so {@code bench} runs from a fresh
 * clone with no data set to download. Documents are about as long as SciFact abstracts (150 to 300 words, one chunk
 * each), each on a topic of its own drawn from a shared scientific vocabulary with a skewed (Zipf-like) word
 * frequency, so the embedding model, the BM25 index and the vector index all get realistic work. Document
 * {@code i} is the same whatever the count, so a smaller corpus is a prefix of a larger one.
 */
public final class GeneratedCorpus {

    /** The seed of the default corpus. */
    public static final long DEFAULT_SEED = 42;
    /** Documents in the default corpus. */
    public static final int DEFAULT_DOCUMENTS = 2_000;

    private static final String[] NOUNS = words("""
            cell protein gene receptor enzyme membrane neuron tissue tumor virus bacterium antibody cytokine
            mitochondrion ribosome chromosome mutation pathway kinase hormone insulin glucose lipid cholesterol
            macrophage lymphocyte platelet plasma serum liver kidney heart lung brain muscle bone skin intestine
            pancreas stem embryo placenta infection inflammation fibrosis apoptosis autophagy metabolism
            transcription translation replication methylation phosphorylation signaling expression secretion
            patient cohort trial dose therapy vaccine drug inhibitor agonist antagonist biomarker diagnosis
            prognosis survival mortality risk incidence prevalence outcome exposure diet obesity diabetes
            hypertension stroke cancer leukemia lymphoma melanoma carcinoma sepsis asthma arthritis dementia
            depression anxiety sleep pain fever cortex hippocampus synapse axon dendrite microglia astrocyte
            neurotransmitter dopamine serotonin cortisol estrogen testosterone vitamin calcium iron zinc oxygen
            sodium potassium peptide sequence genome transcript isoform variant allele locus haplotype population
            species strain colony culture model mouse rat zebrafish primate sample assay microscopy imaging
            sequencing analysis regression cohort association correlation effect response resistance tolerance
            susceptibility barrier channel transporter ligand complex domain structure folding aggregation
            """);
    private static final String[] VERBS = words("""
            regulates activates inhibits increases reduces modulates promotes suppresses induces impairs enhances
            mediates predicts correlates alters restores prevents triggers accelerates delays protects stabilizes
            disrupts controls limits drives shapes affects determines reflects sustains
            """);
    private static final String[] ADJECTIVES = words("""
            chronic acute systemic local early late elevated reduced mutant wild-type human murine clinical
            randomized prospective retrospective longitudinal genetic epigenetic metabolic immune inflammatory
            neuronal cardiac renal hepatic pulmonary vascular cellular molecular structural functional selective
            transient persistent novel common rare significant modest robust severe mild primary secondary
            maternal fetal adult pediatric elderly oral intravenous daily low high dietary oxidative
            """);
    private static final String[] CONNECTORS = words("""
            in during after before within across among through under despite
            """);
    private static final String[] OPENINGS = {"Here we show that", "We found that", "These results suggest that",
        "In this study,", "Our data indicate that", "Moreover,", "However,", "Consistent with this,",
        "Together, these findings show that", "We hypothesized that", "Unexpectedly,", "In addition,"};
    private static final int TOPIC_NOUNS = 6;

    private GeneratedCorpus() {
    }

    /** The first {@code count} documents of the corpus of {@code seed}. */
    public static List<BeirCorpus.Document> documents(int count, long seed) {
        List<BeirCorpus.Document> documents = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            documents.add(document(i, seed));
        }
        return documents;
    }

    /** {@code count} questions, question {@code q} about the topic of document {@code q % documents}. */
    public static List<BeirCorpus.Query> queries(int count, int documents, long seed) {
        List<BeirCorpus.Query> queries = new ArrayList<>(count);
        for (int q = 0; q < count; q++) {
            int doc = q % documents;
            Random random = new Random(seed ^ (0x5DEECE66DL * (doc + 1)) ^ 0xABCDEFL * (q + 1));
            String[] topic = topic(doc, seed);
            String question = switch (q % 3) {
                case 0 -> "How does " + pick(ADJECTIVES, random) + " " + topic[0] + " affect " + topic[1] + "?";
                case 1 -> "What is the role of " + topic[2] + " in " + pick(ADJECTIVES, random) + " " + topic[3] + "?";
                default -> "Does " + topic[0] + " " + pick(VERBS, random).replaceFirst("s$", "") + " " + topic[4]
                        + " " + pick(CONNECTORS, random) + " " + topic[5] + "?";
            };
            queries.add(new BeirCorpus.Query("q" + q, question));
        }
        return queries;
    }

    private static BeirCorpus.Document document(int index, long seed) {
        Random random = new Random(seed ^ (0x5DEECE66DL * (index + 1)));
        String[] topic = topic(index, seed);
        String title = capitalize(pick(ADJECTIVES, random) + " " + topic[0] + " " + pick(VERBS, random) + " "
                + topic[1] + " " + pick(CONNECTORS, random) + " " + pick(ADJECTIVES, random) + " " + topic[2]);
        int words = 150 + random.nextInt(151);
        StringBuilder text = new StringBuilder();
        for (int written = 0; written < words; ) {
            String sentence = sentence(topic, random);
            text.append(written == 0 ? "" : " ").append(sentence);
            written += sentence.split(" ").length;
        }
        return new BeirCorpus.Document("g" + index, title, text.toString());
    }

    /** The nouns a document is about; its questions ask about them. */
    private static String[] topic(int index, long seed) {
        Random random = new Random(seed * 31 + index);
        String[] topic = new String[TOPIC_NOUNS];
        for (int i = 0; i < TOPIC_NOUNS; i++) {
            topic[i] = NOUNS[random.nextInt(NOUNS.length)];
        }
        return topic;
    }

    private static String sentence(String[] topic, Random random) {
        String subject = pick(ADJECTIVES, random) + " " + noun(topic, random);
        String object = pick(ADJECTIVES, random) + " " + twoNouns(topic, random);
        String sentence = subject + " " + pick(VERBS, random) + " " + object + " " + pick(CONNECTORS, random) + " "
                + twoNouns(topic, random);
        if (random.nextInt(3) == 0) {
            sentence = pick(OPENINGS, random) + " " + sentence;
        }
        return capitalize(sentence) + ".";
    }

    /** A compound of two different nouns ("tumor cell", never "cell cell"). */
    private static String twoNouns(String[] topic, Random random) {
        String first = noun(topic, random);
        String second = noun(topic, random);
        while (second.equals(first)) {
            second = noun(topic, random);
        }
        return first + " " + second;
    }

    /** A topic noun half the time, else a word of the whole vocabulary, frequent words far more often (Zipf-like). */
    private static String noun(String[] topic, Random random) {
        if (random.nextBoolean()) {
            return topic[random.nextInt(topic.length)];
        }
        double u = random.nextDouble();
        return NOUNS[(int) (NOUNS.length * u * u * u)];
    }

    private static String pick(String[] words, Random random) {
        return words[random.nextInt(words.length)];
    }

    private static String capitalize(String text) {
        return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }

    private static String[] words(String text) {
        return text.trim().split("\\s+");
    }
}
