package io.caravan.ingest.parse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;

import org.apache.commons.io.input.CloseShieldInputStream;
import org.apache.tika.detect.AutoDetectReader;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;

/** The text of a Markdown or CSV file, read by Caravan's own readers rather than Tika's parsers. */
final class TextReaders {

    private TextReaders() {
    }

    /**
     * A reader of {@code in} in {@code charset}, or in the charset Tika detects when it is {@code null}; closing it
     * leaves {@code in} open for its owner.
     */
    static BufferedReader open(InputStream in, Charset charset, Metadata metadata) throws IOException, TikaException {
        InputStream shielded = CloseShieldInputStream.wrap(in);
        return charset != null ? new BufferedReader(new InputStreamReader(shielded, charset))
                : new AutoDetectReader(shielded, metadata);
    }
}
