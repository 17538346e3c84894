/** The mailbox source: each mail's body and attachments as documents, read over IMAP and never deleted. */
package io.caravan.ingest.mail;
