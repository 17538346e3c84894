package io.caravan.config;

/**
 * The HTTP channel's request limits ({@code caravan.http.*}); host and port configure Camel's HTTP server through
 * {@code camel.server.*} placeholders.
 *
 * @param maxJsonBytes largest JSON request body accepted
 */
public record HttpSettings(long maxJsonBytes) {

    static HttpSettings read(Settings settings) {
        return new HttpSettings(settings.bytes("caravan.http.max-json-bytes"));
    }
}
