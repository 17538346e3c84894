package io.caravan.channel.web;

import io.caravan.channel.ApiException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files of the web page (docs/web-page.md), read once from the jar's {@code web/} folder. Only the files named
 * here are served: a request for any other name, {@code ../} included, is a 404 before any lookup, so the route
 * can never hand out another resource of the class path. Thread safe.
 */
public class WebAssets {

    /** The page itself, served at {@code GET /}. */
    public static final String PAGE = "index.html";

    private static final String SCRIPT = "text/javascript; charset=utf-8";
    // the page's modules are few and named: a new one is added here too, or the page cannot load it
    private static final Map<String, String> MEDIA_TYPES = Map.of(
            PAGE, "text/html; charset=utf-8",
            "caravan.css", "text/css; charset=utf-8",
            "caravan.svg", "image/svg+xml",
            "caravan.js", SCRIPT,
            "api.js", SCRIPT,
            "ask.js", SCRIPT,
            "documents.js", SCRIPT,
            "uploads.js", SCRIPT);

    private final Map<String, WebAsset> loaded = new ConcurrentHashMap<>();

    /**
     * The file {@code name}.
     *
     * @throws ApiException 404 for a name that is not one of the page's files
     */
    public WebAsset get(String name) {
        String mediaType = name == null ? null : MEDIA_TYPES.get(name);
        if (mediaType == null) {
            throw ApiException.notFound("no page file is called " + name);
        }
        return loaded.computeIfAbsent(name, n -> new WebAsset(read(n), mediaType));
    }

    private static byte[] read(String name) {
        try (InputStream in = WebAssets.class.getResourceAsStream("/web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks web/" + name + ": it was built without the web page");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read web/" + name + " from the jar", e);
        }
    }
}
