package io.caravan.config;

/**
 * Another Caravan holds this data directory (docs/operations.md#scale-out). The message is one line that says what
 * to do; the command line prints it alone, without a stack trace.
 */
public class DataDirectoryInUseException extends IllegalStateException {

    public DataDirectoryInUseException(String message) {
        super(message);
    }
}
