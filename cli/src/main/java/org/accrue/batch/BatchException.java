package org.accrue.batch;

/** A batch that cannot start or go on: its output exists, its checkpoint is missing or for another job. */
public final class BatchException extends Exception {
    public BatchException(String message) {
        super(message);
    }
}
