package io.caravan.ingest.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.IOUtils;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.AttributesImpl;

/**
 * Reads CSV and TSV as one XHTML table, so their rows reach chunks as {@code header: value} lines like a
 * spreadsheet's (docs/architecture.md#tables). Tika reads a {@code .csv} as plain text (one paragraph of commas);
 * Apache Commons CSV, which Tika itself uses, does the quoting rules. The delimiter is the one of comma, semicolon,
 * tab and bar that splits the first lines into the same number of fields, more than one. Stateless and thread safe.
 */
final class CsvTableReader {

    private static final char[] DELIMITERS = {',', ';', '\t', '|'};
    private static final int SNIFFED_LINES = 20;

    /**
     * Reads {@code in} in {@code charset}, or in the charset Tika detects when it is {@code null}, then emits its
     * rows to {@code handler} as a table whose first row is marked as the header.
     */
    void read(InputStream in, Charset charset, Metadata metadata, ContentHandler handler) throws IOException,
            TikaException, SAXException {
        StringBuilder text = new StringBuilder();
        try (Reader reader = TextReaders.open(in, charset, metadata)) {
            text.append(IOUtils.toString(reader));
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter(text))
                .setIgnoreSurroundingSpaces(true).get();
        handler.startDocument();
        start(handler, "table");
        boolean first = true;
        for (CSVRecord record : format.parse(new StringReader(text.toString()))) {
            start(handler, "tr");
            for (String value : record) {
                String cell = first ? "th" : "td";
                start(handler, cell);
                handler.characters(value.toCharArray(), 0, value.length());
                handler.endElement("", cell, cell);
            }
            handler.endElement("", "tr", "tr");
            first = false;
        }
        handler.endElement("", "table", "table");
        handler.endDocument();
    }

    static char delimiter(CharSequence text) {
        List<String> lines = text.toString().lines().filter(l -> !l.isBlank()).limit(SNIFFED_LINES).toList();
        char best = ',';
        int bestFields = 1;
        for (char delimiter : DELIMITERS) {
            int fields = -1;
            boolean consistent = true;
            for (String line : lines) {
                int count = fields(line, delimiter);
                if (fields == -1) {
                    fields = count;
                } else if (count != fields) {
                    consistent = false;
                    break;
                }
            }
            if (consistent && fields > bestFields) {
                best = delimiter;
                bestFields = fields;
            }
        }
        return best;
    }

    // fields of one line, delimiters inside double quotes not counted (a quoted field with a line break in it
    // makes the sniffing see two short lines: the consistency test then prefers another delimiter or the comma)
    private static int fields(String line, char delimiter) {
        int count = 1;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                count++;
            }
        }
        return count;
    }

    private static void start(ContentHandler handler, String name) throws SAXException {
        handler.startElement("", name, name, new AttributesImpl());
    }
}
