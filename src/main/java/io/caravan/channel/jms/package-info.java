/** The JMS channel: an embedded Artemis broker and the reading of questions from JMS messages. */
package io.caravan.channel.jms;
