package io.caravan.ingest.parse;

import java.io.IOException;
import java.io.InputStream;

import org.apache.commons.io.input.CloseShieldInputStream;
import org.apache.tika.exception.TikaException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.EmbeddedContentHandler;
import org.apache.tika.sax.TaggedContentHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Parses documents embedded in a document (mail attachments, archive entries, objects in office files) into the
 * same blocks, each under a section named after its file, and refuses to nest deeper than a limit.
 *
 * <p>One instance serves one parse; it is not thread safe.
 */
final class AttachmentExtractor implements EmbeddedDocumentExtractor {
    private static final Logger LOG = LoggerFactory.getLogger(AttachmentExtractor.class);

    private final Parser parser;
    private final ParseContext context;
    private final BlockCollectingHandler blocks;
    private final ExtractionGuard guard;
    private final int maxDepth;
    private int depth;

    AttachmentExtractor(Parser parser, ParseContext context, BlockCollectingHandler blocks, ExtractionGuard guard,
                        int maxDepth) {
        this.parser = parser;
        this.context = context;
        this.blocks = blocks;
        this.guard = guard;
        this.maxDepth = maxDepth;
    }

    @Override
    public boolean shouldParseEmbedded(Metadata metadata) {
        return true;
    }

    @Override
    public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
            throws SAXException, IOException {
        guard.checkRunning();
        if (depth >= maxDepth) {
            // Failing beats skipping: a silently missing attachment is a defect nobody notices.
            throw guard.embeddedTooDeep();
        }
        String name = metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY);
        blocks.beginEmbedded(name == null || name.isBlank() ? null : name.strip());
        depth++;
        // The parent's handler keeps Tika's SecureContentHandler (zip-bomb ratio check) in the chain; the tag tells
        // its verdicts, and ours, apart from the attachment's own parse errors.
        TaggedContentHandler downstream = new TaggedContentHandler(handler);
        try (TikaInputStream embedded = TikaInputStream.get(CloseShieldInputStream.wrap(stream))) {
            parser.parse(embedded, new EmbeddedContentHandler(new BodyContentHandler(downstream)), metadata, context);
        } catch (TikaException e) {
            guard.checkRunning();
            rethrowIfFromDownstream(downstream, e);
            // Like Tika's own extractor: one unreadable attachment does not lose the rest of the message.
            LOG.warn("Skipped unreadable embedded document {}: {}", name, e.getMessage());
        } finally {
            depth--;
            blocks.endEmbedded();
        }
    }

    /** Rethrows a handler-side stop (zip bomb, limit) that a parser wrapped, so it is never mistaken for a bad file. */
    private static void rethrowIfFromDownstream(TaggedContentHandler downstream, Throwable e) throws SAXException {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof Exception exception) {
                downstream.throwIfCauseOf(exception);
            }
        }
    }
}
