/**
 * Reading MIME mail, shared by the e-mail questions channel and the documents mailbox source: which part is the body
 * a person wrote, which parts are attachments.
 */
package io.caravan.mail;
