/**
 * The e-mail channel: questions read from an IMAP mailbox, screened (allowed senders, no auto-replies or bounces)
 * and answered by a reply over SMTP.
 */
package io.caravan.channel.mail;
