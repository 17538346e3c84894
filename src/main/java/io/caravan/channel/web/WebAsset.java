package io.caravan.channel.web;

/**
 * One file of the web page, as served: its bytes and media type.
 *
 * @param bytes     the file's content
 * @param mediaType its {@code Content-Type}
 */
public record WebAsset(byte[] bytes, String mediaType) {
}
