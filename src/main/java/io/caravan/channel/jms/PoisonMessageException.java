package io.caravan.channel.jms;

import io.caravan.channel.ApiException;

/** A JMS message that cannot be answered as it is (no reply destination, no text body): it goes to the DLQ. */
public class PoisonMessageException extends ApiException {

    public PoisonMessageException(String message) {
        super(400, "bad_request", message);
    }
}
