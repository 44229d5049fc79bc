package org.accrue.service.accounts;

import java.time.Duration;

/**
 * A request without valid credentials (401), from a role that lacks the right (403), or during a sign-in wait
 * (429, with how long to wait).
 */
public final class AccessDenied extends RuntimeException {
    private final int status;
    private final Duration retryAfter;

    public AccessDenied(int status, String message) {
        this(status, message, null);
    }

    public AccessDenied(int status, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    /** For 429: how long to wait; null otherwise. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
