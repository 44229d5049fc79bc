package org.accrue.service.store;

/** The database cannot be reached, opened or written: a one-line message naming it, without a stack trace. */
public final class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
