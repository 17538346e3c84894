package io.caravan.ingest.parse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.sax.XHTMLContentHandler;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.AttributesImpl;

/**
 * Reads Markdown as XHTML SAX events: ATX and setext headings as {@code h1..h6}, paragraphs and list items as
 * {@code p}, fenced code blocks as one {@code pre} each.
 *
 * <p>Tika treats Markdown as plain text and no Markdown library is on the classpath, so this is a small line
 * parser covering the block structure that matters for sections; inline markup is kept, except that links keep
 * only their text. YAML front matter is skipped and its {@code title} becomes the document title. Stateless and
 * thread safe.
 */
final class MarkdownBlockReader {
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,}).*$");
    private static final Pattern ATX = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern SETEXT = Pattern.compile("^ {0,3}(=+|-+)[ \\t]*$");
    private static final Pattern THEMATIC_BREAK = Pattern.compile("^ {0,3}([-*_])(?:[ \\t]*\\1){2,}[ \\t]*$");
    private static final Pattern LIST_ITEM = Pattern.compile("^[ \\t]*(?:[-*+]|\\d{1,9}[.)])[ \\t]+(.*)$");
    private static final Pattern QUOTE = Pattern.compile("^ {0,3}>[ ]?(.*)$");
    private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)\\]\\([^)]*\\)");
    private static final Pattern FRONT_MATTER_TITLE = Pattern.compile("^title:\\s*[\"']?(.*?)[\"']?\\s*$");

    /**
     * Reads {@code in} in {@code charset}, or in the charset Tika detects when it is {@code null}, then emits the
     * Markdown's blocks to {@code handler}.
     */
    void read(InputStream in, Charset charset, Metadata metadata, ContentHandler handler) throws IOException,
            TikaException, SAXException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = TextReaders.open(in, charset, metadata)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        }
        handler.startDocument();
        new Emitter(handler).emit(lines.subList(skipFrontMatter(lines, metadata), lines.size()));
        handler.endDocument();
    }

    /** Returns the index of the first line after YAML front matter, taking its title into the metadata. */
    private static int skipFrontMatter(List<String> lines, Metadata metadata) {
        if (lines.isEmpty() || !lines.get(0).strip().equals("---")) {
            return 0;
        }
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.equals("---") || line.equals("...")) {
                for (String field : lines.subList(1, i)) {
                    Matcher title = FRONT_MATTER_TITLE.matcher(field.strip());
                    if (title.matches() && !title.group(1).isBlank()) {
                        metadata.set(TikaCoreProperties.TITLE, title.group(1));
                    }
                }
                return i + 1;
            }
        }
        return 0;
    }

    /** The line-by-line state of one document: the open paragraph or code fence. */
    private static final class Emitter {
        private final ContentHandler handler;
        private final List<String> paragraph = new ArrayList<>();
        private final StringBuilder code = new StringBuilder();
        private String fence;

        Emitter(ContentHandler handler) {
            this.handler = handler;
        }

        void emit(List<String> lines) throws SAXException {
            for (String line : lines) {
                emitLine(line);
            }
            if (fence != null) {
                element("pre", code.toString());
            }
            endParagraph();
        }

        private void emitLine(String line) throws SAXException {
            if (fence != null) {
                if (line.strip().startsWith(fence) && line.strip().chars().allMatch(c -> c == fence.charAt(0))) {
                    element("pre", code.toString());
                    code.setLength(0);
                    fence = null;
                } else {
                    code.append(line).append('\n');
                }
                return;
            }
            Matcher m;
            if ((m = FENCE.matcher(line)).matches()) {
                endParagraph();
                fence = m.group(1);
            } else if (line.isBlank()) {
                endParagraph();
            } else if ((m = ATX.matcher(line)).matches()) {
                endParagraph();
                element("h" + m.group(1).length(), inline(m.group(2) == null ? "" : m.group(2)));
            } else if (!paragraph.isEmpty() && (m = SETEXT.matcher(line)).matches()) {
                // A setext underline turns the paragraph above it into a heading.
                String heading = String.join("\n", paragraph);
                paragraph.clear();
                element(m.group(1).charAt(0) == '=' ? "h1" : "h2", inline(heading));
            } else if (THEMATIC_BREAK.matcher(line).matches()) {
                endParagraph();
            } else if ((m = LIST_ITEM.matcher(line)).matches()) {
                // Each list item is its own paragraph: items are usually independent statements.
                endParagraph();
                paragraph.add(m.group(1));
            } else if ((m = QUOTE.matcher(line)).matches()) {
                if (m.group(1).isBlank()) {
                    endParagraph();
                } else {
                    paragraph.add(m.group(1));
                }
            } else {
                paragraph.add(line);
            }
        }

        private void endParagraph() throws SAXException {
            if (!paragraph.isEmpty()) {
                element("p", inline(String.join("\n", paragraph)));
                paragraph.clear();
            }
        }

        private void element(String name, String text) throws SAXException {
            handler.startElement(XHTMLContentHandler.XHTML, name, name, new AttributesImpl());
            char[] chars = text.toCharArray();
            handler.characters(chars, 0, chars.length);
            handler.endElement(XHTMLContentHandler.XHTML, name, name);
        }

        private static String inline(String text) {
            return LINK.matcher(text).replaceAll("$1");
        }
    }
}
