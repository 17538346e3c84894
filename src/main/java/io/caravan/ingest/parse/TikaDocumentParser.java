package io.caravan.ingest.parse;

import java.io.IOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.caravan.ingest.DocumentParser;
import io.caravan.ingest.IngestException;
import io.caravan.ingest.ParsedDocument;
import io.caravan.ingest.SourceDocument;
import io.caravan.ingest.TextBlock;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.html.HtmlMapper;
import org.xml.sax.SAXException;

/**
 * Parses any format Apache Tika knows (PDF, HTML, Markdown, plain text, DOCX, ODT, PPTX, e-mail, ...) into
 * heading and paragraph blocks with section paths, PDF page numbers and a title.
 *
 * <p><b>Thread safety:</b> instances are thread safe. The shared Tika detector and {@link AutoDetectParser} are
 * stateless; every call makes its own metadata, parse context and handler, and runs on a pooled worker thread.
 *
 * <p><b>Limits</b> guard against hostile files; each breach fails the document with an {@link IngestException}
 * (step {@code parse}) naming the limit and its configuration key, never truncating silently:
 * <ul>
 *   <li>{@code maxFileSizeBytes} ({@code caravan.ingest.max-file-size}, default 10 MiB): checked before parsing;</li>
 *   <li>{@code parseTimeout} ({@code caravan.ingest.parse-timeout}, default 30 s): the parse runs on its own daemon
 *       thread, which is interrupted and told to stop at its next SAX event when the time is up, so the caller
 *       never waits longer;</li>
 *   <li>{@code maxCharacters} ({@code caravan.ingest.max-characters}, default 10,000,000): extraction stops as soon
 *       as the blocks' text exceeds it;</li>
 *   <li>{@code maxEmbeddedDepth} ({@code caravan.ingest.max-embedded-depth}, default 5): how deep attachments may
 *       nest (a mail holding a zip holding a document is depth 2). Tika's own {@code SecureContentHandler}, which
 *       {@link AutoDetectParser} adds, also rejects zip bombs by their compression ratio and XML nesting.</li>
 * </ul>
 */
public final class TikaDocumentParser implements DocumentParser {
    /** Default of {@code caravan.ingest.max-file-size}: 10 MiB. */
    public static final long DEFAULT_MAX_FILE_SIZE_BYTES = 10L * 1024 * 1024;
    /** Default of {@code caravan.ingest.parse-timeout}. */
    public static final Duration DEFAULT_PARSE_TIMEOUT = Duration.ofSeconds(30);
    /** Default of {@code caravan.ingest.max-characters}. */
    public static final long DEFAULT_MAX_CHARACTERS = 10_000_000L;
    /** Default of {@code caravan.ingest.max-embedded-depth}. */
    public static final int DEFAULT_MAX_EMBEDDED_DEPTH = 5;

    private static final String STEP = "parse";
    private static final AtomicInteger WORKERS = new AtomicInteger();
    /**
     * Parses run on their own threads so a timeout can abandon them. A cached pool, not a fixed one: a parser
     * stuck in a loop keeps its thread and never delays other parses (a new thread is made), while the common
     * case reuses idle threads instead of starting one per document.
     */
    private static final ExecutorService PARSE_THREADS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "caravan-parse-" + WORKERS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    /** The types Tika gives Markdown, which {@link MarkdownBlockReader} reads instead of Tika's text parser. */
    static final Set<String> MARKDOWN_TYPES = Set.of("text/markdown", "text/x-markdown", "text/x-web-markdown");
    private static final String ODS = "application/vnd.oasis.opendocument.spreadsheet";
    /** The types of delimited text, which {@link CsvTableReader} reads as one table. */
    static final Set<String> DELIMITED_TYPES = Set.of("text/csv", "text/tab-separated-values");

    private final long maxFileSizeBytes;
    private final Duration parseTimeout;
    private final long maxCharacters;
    private final int maxEmbeddedDepth;
    private final Detector detector;
    private final DeclaredTextType declaredText;
    private final Parser parser;
    private final OcrOptions ocr;
    private final MarkdownBlockReader markdownReader = new MarkdownBlockReader();
    private final CsvTableReader csvReader = new CsvTableReader();

    /** A parser with the default limits. */
    public TikaDocumentParser() {
        this(DEFAULT_MAX_FILE_SIZE_BYTES, DEFAULT_PARSE_TIMEOUT, DEFAULT_MAX_CHARACTERS);
    }

    /** A parser with the given limits and the default embedded depth. */
    public TikaDocumentParser(long maxFileSizeBytes, Duration parseTimeout, long maxCharacters) {
        this(maxFileSizeBytes, parseTimeout, maxCharacters, DEFAULT_MAX_EMBEDDED_DEPTH);
    }

    /** A parser with the given limits, without OCR. */
    public TikaDocumentParser(long maxFileSizeBytes, Duration parseTimeout, long maxCharacters, int maxEmbeddedDepth) {
        this(maxFileSizeBytes, parseTimeout, maxCharacters, maxEmbeddedDepth, OcrOptions.OFF);
    }

    /** A parser with the given limits, reading scans as {@code ocr} says (docs/architecture.md#ocr). */
    public TikaDocumentParser(long maxFileSizeBytes, Duration parseTimeout, long maxCharacters, int maxEmbeddedDepth,
                              OcrOptions ocr) {
        this(maxFileSizeBytes, parseTimeout, maxCharacters, maxEmbeddedDepth, TikaConfig.getDefaultConfig(), null,
                ocr);
    }

    /** A parser delegating to {@code parser} once the type is detected; lets tests inject slow or failing parsers. */
    TikaDocumentParser(long maxFileSizeBytes, Duration parseTimeout, long maxCharacters, int maxEmbeddedDepth,
                       Parser parser) {
        this(maxFileSizeBytes, parseTimeout, maxCharacters, maxEmbeddedDepth, TikaConfig.getDefaultConfig(),
                Objects.requireNonNull(parser, "parser"), OcrOptions.OFF);
    }

    // Loading Tika's configuration scans the classpath for parsers, so it happens once per instance.
    private TikaDocumentParser(long maxFileSizeBytes, Duration parseTimeout, long maxCharacters, int maxEmbeddedDepth,
                               TikaConfig config, Parser parser, OcrOptions ocr) {
        if (maxFileSizeBytes <= 0 || maxCharacters <= 0 || maxEmbeddedDepth < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        Objects.requireNonNull(parseTimeout, "parseTimeout");
        if (parseTimeout.isNegative() || parseTimeout.isZero()) {
            throw new IllegalArgumentException("parseTimeout must be positive");
        }
        this.maxFileSizeBytes = maxFileSizeBytes;
        this.parseTimeout = parseTimeout;
        this.maxCharacters = maxCharacters;
        this.maxEmbeddedDepth = maxEmbeddedDepth;
        this.ocr = Objects.requireNonNull(ocr, "ocr");
        this.parser = parser == null ? new CachedTableAutoDetectParser(config) : parser;
        this.detector = config.getDetector();
        this.declaredText = new DeclaredTextType(config.getMimeRepository());
    }

    @Override
    public ParsedDocument parse(SourceDocument document) {
        byte[] content = document.content();
        if (content.length > maxFileSizeBytes) {
            throw new IngestException(STEP, "file is " + content.length + " bytes, over the limit of "
                    + maxFileSizeBytes + " (caravan.ingest.max-file-size)");
        }
        if (content.length == 0) {
            throw new IngestException(STEP, "document has no extractable text: the file is empty");
        }
        ExtractionGuard guard = new ExtractionGuard(maxCharacters, System.nanoTime() + parseTimeout.toNanos(),
                ocr.runs() ? ocr.pageTimeout().toNanos() : 0, ocr.runs() ? ocr.maxPages() : 0);
        FutureTask<ParsedDocument> task = new FutureTask<>(() -> extract(document, guard));
        PARSE_THREADS.execute(task);
        try {
            // the deadline moves on while pages that OCR may read begin (ExtractionGuard.ocrPageAhead)
            while (true) {
                try {
                    return task.get(Math.max(0, guard.deadline() - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    if (guard.deadline() - System.nanoTime() <= 0) {
                        stop(guard, task);
                        throw new IngestException(STEP, "parsing took longer than " + describe(parseTimeout)
                                + " (caravan.ingest.parse-timeout)" + (ocr.runs() ? " plus "
                                + describe(ocr.pageTimeout()) + " per page to OCR (caravan.ocr.page-timeout)" : ""), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            stop(guard, task);
            Thread.currentThread().interrupt();
            throw new IngestException(STEP, "parsing was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IngestException ingest) {
                throw ingest;
            }
            throw new IngestException(STEP, "unsupported or corrupt document: " + rootMessage(e.getCause()),
                    e.getCause());
        }
    }

    /** Detects the type and extracts blocks; runs on the worker thread. */
    private ParsedDocument extract(SourceDocument document, ExtractionGuard guard) {
        String fileName = baseName(document.fileName());
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        String mimeType = MediaType.OCTET_STREAM.toString();
        BlockCollectingHandler handler = new BlockCollectingHandler(guard);
        try (TikaInputStream in = TikaInputStream.get(document.content())) {
            MediaType type = declaredText.of(fileName, document.content()).orElse(null);
            if (type == null) {
                type = detector.detect(in, metadata);
            }
            mimeType = type.getBaseType().toString();
            if (mimeType.startsWith("image/")) {
                guard.ocrPageAhead();
            }
            if (isMarkdown(mimeType, fileName)) {
                String charset = type.getParameters().get("charset");
                markdownReader.read(in, charset == null ? null : Charset.forName(charset), metadata, handler);
            } else if (isDelimited(mimeType, fileName)) {
                String charset = type.getParameters().get("charset");
                csvReader.read(in, charset == null ? null : Charset.forName(charset), metadata, handler);
                mimeType = fileName.toLowerCase(Locale.ROOT).endsWith(".tsv") ? "text/tab-separated-values"
                        : "text/csv";
            } else if (MediaType.OCTET_STREAM.toString().equals(mimeType)) {
                throw new IngestException(STEP, "unsupported or corrupt document: " + fileName
                        + " is not a recognised document type");
            } else {
                // Hand the detected type on: AutoDetectParser would detect it all over again, and the text
                // parser would sniff every plain-text file for CSV delimiters (most of a .txt file's parse time),
                // and for its charset unless the type names one.
                metadata.set(TikaCoreProperties.CONTENT_TYPE_USER_OVERRIDE, type.toString());
                if (ODS.equals(mimeType)) {
                    handler.nameTables(OdsSheetNames.of(document.content()));
                }
                parser.parse(in, handler, metadata, parseContext(handler, guard));
            }
        } catch (IOException | SAXException | TikaException | RuntimeException e) {
            throw failure(e, guard, fileName, mimeType);
        }
        List<TextBlock> blocks = handler.blocks();
        if (blocks.isEmpty()) {
            boolean scannable = mimeType.startsWith("image/") || mimeType.equals("application/pdf");
            String noText = "document has no extractable text: " + fileName + " (" + mimeType + ")";
            throw new IngestException(STEP, !scannable ? noText
                    : ocr.runs() ? noText + ", not even by OCR"
                    : noText + " has no text layer, and " + ocr.whyNotRead());
        }
        return new ParsedDocument(title(metadata, mimeType, blocks, fileName), mimeType, blocks);
    }

    private ParseContext parseContext(BlockCollectingHandler handler, ExtractionGuard guard) {
        ParseContext context = new ParseContext();
        context.set(Parser.class, parser);
        context.set(HtmlMapper.class, new VisibleTextHtmlMapper());
        ocr.configure(context);
        context.set(EmbeddedDocumentExtractor.class,
                new AttachmentExtractor(parser, context, handler, guard, maxEmbeddedDepth));
        return context;
    }

    /** Names the reason a parse failed; a breached limit wins over whatever exception Tika wrapped it in. */
    private IngestException failure(Exception e, ExtractionGuard guard, String fileName, String mimeType) {
        switch (guard.stop()) {
            case CHARACTERS:
                return new IngestException(STEP, "document has more than " + maxCharacters
                        + " characters (caravan.ingest.max-characters)", e);
            case EMBEDDED_DEPTH:
                return new IngestException(STEP, "document nests embedded documents deeper than the limit of "
                        + maxEmbeddedDepth + " (caravan.ingest.max-embedded-depth)", e);
            case OCR_PAGES:
                return new IngestException(STEP, "document has more than " + ocr.maxPages()
                        + " pages to OCR (caravan.ocr.max-pages)", e);
            case CANCELLED:
                return new IngestException(STEP, "parsing was cancelled", e);
            default:
                break;
        }
        if (e instanceof IngestException ingest) {
            return ingest;
        }
        if (causedBy(e, EncryptedDocumentException.class)) {
            return new IngestException(STEP, "unsupported or corrupt document: " + fileName
                    + " is encrypted or password-protected", e);
        }
        return new IngestException(STEP, "unsupported or corrupt document: " + fileName + " (" + mimeType + "): "
                + rootMessage(e), e);
    }

    private static String title(Metadata metadata, String mimeType, List<TextBlock> blocks, String fileName) {
        String title = metadata.get(TikaCoreProperties.TITLE);
        if (isBlank(title) && mimeType.startsWith("message/")) {
            title = metadata.get(TikaCoreProperties.SUBJECT);
        }
        if (isBlank(title)) {
            title = blocks.stream().filter(b -> b.kind() == TextBlock.Kind.HEADING).map(TextBlock::text)
                    .findFirst().orElse(fileName);
        }
        return title.strip().replaceAll("\\s+", " ");
    }

    private static boolean isDelimited(String mimeType, String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return DELIMITED_TYPES.contains(mimeType)
                || (mimeType.equals("text/plain") && (lower.endsWith(".csv") || lower.endsWith(".tsv")));
    }

    private static boolean isMarkdown(String mimeType, String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return MARKDOWN_TYPES.contains(mimeType)
                || (mimeType.equals("text/plain") && (lower.endsWith(".md") || lower.endsWith(".markdown")));
    }

    private static void stop(ExtractionGuard guard, FutureTask<?> task) {
        guard.cancel();
        task.cancel(true);
    }

    private static String baseName(String fileName) {
        int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
        return fileName.substring(slash + 1);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message in the cause chain: Tika's outer messages ("Unable to extract PDF content") say little. */
    private static String rootMessage(Throwable e) {
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (!isBlank(t.getMessage())) {
                message = t.getMessage();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return message == null ? e.getClass().getSimpleName() : message.strip();
    }

    /** A duration as people write it: {@code 30s}, {@code 1500ms}, {@code 2m}. */
    static String describe(Duration duration) {
        if (duration.toMillis() % 60_000 == 0) {
            return duration.toMinutes() + "m";
        }
        if (duration.toMillis() % 1000 == 0) {
            return duration.toSeconds() + "s";
        }
        return duration.toMillis() + "ms";
    }
}
