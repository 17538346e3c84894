package io.caravan.ingest.parse;

import java.util.Locale;
import java.util.Set;

import org.apache.tika.parser.html.DefaultHtmlMapper;

/** An HTML mapper that also discards elements browsers never render as text: noscript, template and friends. */
final class VisibleTextHtmlMapper extends DefaultHtmlMapper {
    // Tika already discards script and style; these hold markup or fallbacks a reader does not see.
    private static final Set<String> INVISIBLE = Set.of("script", "style", "noscript", "template");

    @Override
    public boolean isDiscardElement(String name) {
        return super.isDiscardElement(name) || INVISIBLE.contains(name.toLowerCase(Locale.ROOT));
    }
}
