package io.caravan.ingest.parse;

import java.util.Map;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.CompositeParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;

/**
 * Tika's {@link AutoDetectParser} with its type-to-parser table built once. {@link CompositeParser} rebuilds that
 * table from every parser's supported types on each parse, twice (its own, then the default parser's), which was
 * a sixth of a plain-text file's parse time. The parsers a {@link TikaConfig} loads do not change while it lives,
 * so one table of the leaf parsers serves every parse, and the type is looked up once instead of twice.
 */
final class CachedTableAutoDetectParser extends AutoDetectParser {

    private static final long serialVersionUID = 1L;

    private final transient Map<MediaType, Parser> table;

    CachedTableAutoDetectParser(TikaConfig config) {
        super(config);
        this.table = Map.copyOf(config.getParser() instanceof CompositeParser leaves
                ? leaves.getParsers(new ParseContext())
                : super.getParsers(new ParseContext()));
    }

    @Override
    public Map<MediaType, Parser> getParsers(ParseContext context) {
        return table;
    }
}
