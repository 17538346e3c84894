/** The channels questions and documents arrive on, and the error replies they share. */
package io.caravan.channel;
