package io.caravan.channel;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Checks the transport-level shape of an HTTP request before its body is read: media type and size. */
public class HttpRequestGuard {

    private final long maxJsonBytes;

    public HttpRequestGuard(long maxJsonBytes) {
        this.maxJsonBytes = maxJsonBytes;
    }

    /**
     * Accepts a JSON request body.
     *
     * @throws ApiException 415 unless the content type is JSON, 413 when the body is over the limit
     */
    public void requireJson(String contentType, String body) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json") && !(type.startsWith("application/") && type.contains("+json"))) {
            throw ApiException.unsupportedMediaType("send the question as application/json, not "
                    + (contentType == null ? "no content type" : contentType));
        }
        // the limit is in bytes: a character may take up to four of them in UTF-8
        long size = body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxJsonBytes) {
            throw ApiException.tooLarge("the request body has " + size + " bytes, over the limit of " + maxJsonBytes
                    + " (caravan.http.max-json-bytes)");
        }
    }
}
