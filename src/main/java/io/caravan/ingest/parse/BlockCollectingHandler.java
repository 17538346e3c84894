package io.caravan.ingest.parse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.caravan.ingest.TextBlock;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns Tika's XHTML SAX events into heading and paragraph {@link TextBlock}s with section paths and PDF pages.
 *
 * <p>Whitespace is normalised as characters arrive, so the character budget counts exactly the text that ends up
 * in blocks. Outside {@code pre} and headings, a blank line ends a paragraph: Tika's text parser emits a whole
 * plain-text file as one {@code p}. One instance serves one parse; it is not thread safe.
 */
final class BlockCollectingHandler extends DefaultHandler {
    private static final Set<String> SKIPPED = Set.of("head", "script", "style", "noscript", "template");
    private static final Set<String> BLOCKS = Set.of("p", "div", "li", "td", "th", "tr", "table", "ul", "ol", "dl",
            "dt", "dd", "pre", "blockquote", "section", "article", "header", "footer", "nav", "aside", "main",
            "body", "caption", "figcaption", "address", "hr");

    private final ExtractionGuard guard;
    private final List<TextBlock> blocks = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private final Deque<Scope> outerScopes = new ArrayDeque<>();
    private Scope scope = new Scope(List.of());
    private boolean pendingSpace;
    private int pendingNewlines;
    private int skipDepth;
    private int preDepth;
    private int headingLevel;
    // the table being read, whose rows become blocks when it ends (docs/architecture.md#tables)
    private TableCollector table;
    // names for the next top-level tables (an ODS's sheets), each read as a heading above its table
    private final Deque<String> tableNames = new ArrayDeque<>();

    BlockCollectingHandler(ExtractionGuard guard) {
        this.guard = guard;
    }

    /** Names the next top-level tables, in order: each becomes a heading above its table's rows. */
    void nameTables(List<String> names) {
        tableNames.addAll(names);
    }

    /** The blocks collected so far, in reading order. */
    List<TextBlock> blocks() {
        return List.copyOf(blocks);
    }

    /** Starts an embedded document: its blocks sit under its file name (when it has one) with fresh headings and pages. */
    void beginEmbedded(String fileName) {
        endBlock();
        outerScopes.push(scope);
        List<String> prefix = new ArrayList<>(fileName == null ? scope.section() : scope.prefix);
        if (fileName != null) {
            prefix.add(fileName);
        }
        scope = new Scope(prefix);
    }

    /** Ends the embedded document begun last and returns to its parent's section and page. */
    void endEmbedded() {
        endBlock();
        scope = outerScopes.pop();
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
        String name = elementName(localName, qName);
        if (skipDepth > 0 || SKIPPED.contains(name)) {
            skipDepth++;
            return;
        }
        guard.checkRunning();
        if (startsTableElement(name)) {
            return;
        }
        int level = headingLevel(name);
        if (level > 0) {
            endBlock();
            headingLevel = level;
        } else if ("div".equals(name) && "page".equals(attributes.getValue("class"))) {
            // Tika's PDF parser wraps each page in <div class="page">.
            endBlock();
            scope.page = ++scope.pageCount;
            guard.ocrPageAhead();
        } else if ("div".equals(name) && "ocr".equals(attributes.getValue("class"))) {
            // Tika's OCR parser wraps what Tesseract read of a page or an image in <div class="ocr">
            endBlock();
            guard.ocrPageRead();
        } else if ("br".equals(name)) {
            whitespace('\n');
        } else if (BLOCKS.contains(name) && headingLevel == 0) {
            endBlock();
            if ("pre".equals(name)) {
                preDepth++;
            }
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        String name = elementName(localName, qName);
        if (skipDepth > 0) {
            skipDepth--;
            return;
        }
        if (endsTableElement(name)) {
            return;
        }
        if (headingLevel(name) > 0 && headingLevel > 0) {
            endBlock();
            headingLevel = 0;
        } else if (BLOCKS.contains(name) && headingLevel == 0) {
            endBlock();
            if ("pre".equals(name) && preDepth > 0) {
                preDepth--;
            }
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (skipDepth > 0) {
            return;
        }
        guard.checkRunning();
        long appended = 0;
        for (int i = start; i < start + length; i++) {
            char c = ch[i];
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                whitespace(c);
            } else if (table != null) {
                appended += table.append(c);
            } else {
                appended += separatorBefore();
                text.append(c);
                appended++;
            }
        }
        guard.addCharacters(appended);
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) {
        if (skipDepth == 0 && table != null) {
            table.space();
        } else if (skipDepth == 0) {
            for (int i = start; i < start + length; i++) {
                whitespace(ch[i]);
            }
        }
    }

    @Override
    public void endDocument() {
        if (table != null) {
            endTable();
        }
        endBlock();
    }

    /** Table elements go to the table being read; true when {@code name} was one of its elements. */
    private boolean startsTableElement(String name) {
        if ("table".equals(name)) {
            if (table == null) {
                endBlock();
                String sheet = tableNames.poll();
                if (sheet != null && !sheet.isBlank()) {
                    scope.enterHeading(1, sheet);
                    blocks.add(new TextBlock(TextBlock.Kind.HEADING, sheet, scope.section(), scope.page));
                }
                table = new TableCollector();
            } else {
                table.beginNested();
            }
            return true;
        }
        if (table == null) {
            return false;
        }
        switch (name) {
            case "tr" -> table.startRow();
            case "td" -> table.startCell(false);
            case "th" -> table.startCell(true);
            default -> table.space();
        }
        return true;
    }

    private boolean endsTableElement(String name) {
        if (table == null) {
            return false;
        }
        switch (name) {
            case "table" -> {
                if (!table.endNested()) {
                    endTable();
                }
            }
            case "tr" -> table.endRow();
            case "td", "th" -> table.endCell();
            default -> table.space();
        }
        return true;
    }

    /** One block per row, each keeping its header cells, under the section and page the table is on. */
    private void endTable() {
        List<String> lines = table.lines();
        table = null;
        for (String line : lines) {
            blocks.add(new TextBlock(TextBlock.Kind.TABLE_ROW, line, scope.section(), scope.page));
        }
    }

    private void whitespace(char c) {
        if (table != null) {
            table.space();
            return;
        }
        pendingSpace = true;
        if (c == '\n') {
            pendingNewlines++;
        }
    }

    /** Emits the space or paragraph break that pending whitespace stands for; returns the characters added. */
    private int separatorBefore() {
        int added = 0;
        if (pendingSpace && text.length() > 0) {
            if (pendingNewlines >= 2 && headingLevel == 0 && preDepth == 0) {
                endBlock();
            } else {
                text.append(' ');
                added = 1;
            }
        }
        pendingSpace = false;
        pendingNewlines = 0;
        return added;
    }

    private void endBlock() {
        pendingSpace = false;
        pendingNewlines = 0;
        if (text.length() == 0) {
            return;
        }
        String content = text.toString();
        text.setLength(0);
        if (headingLevel > 0) {
            scope.enterHeading(headingLevel, content);
            blocks.add(new TextBlock(TextBlock.Kind.HEADING, content, scope.section(), scope.page));
        } else {
            blocks.add(new TextBlock(TextBlock.Kind.PARAGRAPH, content, scope.section(), scope.page));
        }
    }

    private static String elementName(String localName, String qName) {
        String name = localName == null || localName.isEmpty() ? qName : localName;
        int colon = name.indexOf(':');
        return (colon >= 0 ? name.substring(colon + 1) : name).toLowerCase(Locale.ROOT);
    }

    private static int headingLevel(String name) {
        if (name.length() == 2 && name.charAt(0) == 'h' && name.charAt(1) >= '1' && name.charAt(1) <= '6') {
            return name.charAt(1) - '0';
        }
        return 0;
    }

    /** Where text currently sits: the section prefix of an embedded document, its open headings and its page. */
    private static final class Scope {
        private final List<String> prefix;
        private final String[] headings = new String[6];
        private Integer page;
        private int pageCount;

        Scope(List<String> prefix) {
            this.prefix = List.copyOf(prefix);
        }

        /** A heading replaces the open heading of its level and closes every deeper one. */
        void enterHeading(int level, String heading) {
            headings[level - 1] = heading;
            Arrays.fill(headings, level, headings.length, null);
        }

        List<String> section() {
            List<String> section = new ArrayList<>(prefix);
            for (String heading : headings) {
                if (heading != null) {
                    section.add(heading);
                }
            }
            return section;
        }
    }
}
