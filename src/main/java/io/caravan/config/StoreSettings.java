package io.caravan.config;

import java.nio.file.Path;

/**
 * Where Caravan keeps its state: {@code caravan.data-dir} and the index engine, {@code caravan.store}. The engines'
 * own keys ({@code caravan.index.*}, {@code caravan.elasticsearch.*}) are read where each engine is opened.
 *
 * @param kind    {@code lucene} (embedded, under the data directory) or {@code elasticsearch}
 * @param dataDir the data directory: the Lucene index, the document ledger, the embedded broker's journal
 */
public record StoreSettings(String kind, Path dataDir) {

    public StoreSettings {
        if (!kind.equals("lucene") && !kind.equals("elasticsearch")) {
            throw new IllegalStateException("caravan.store must be lucene or elasticsearch, was " + kind);
        }
    }

    static StoreSettings read(Settings settings) {
        return new StoreSettings(settings.string("caravan.store"), settings.path("caravan.data-dir"));
    }
}
