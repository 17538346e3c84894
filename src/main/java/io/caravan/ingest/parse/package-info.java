/**
 * Turning raw document bytes into structured text blocks with Apache Tika: type detection, SAX-to-block
 * conversion, Markdown structure, embedded attachments and the limits that guard against hostile files.
 */
package io.caravan.ingest.parse;
