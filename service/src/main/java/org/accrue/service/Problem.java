package org.accrue.service;

/**
 * A request the service cannot answer as asked: an HTTP status and the one-line message the command line would
 * print for the same input. Sent as {@code application/problem+json} (RFC 9457).
 *
 * @see org.accrue.service.http.Api
 */
public final class Problem extends RuntimeException {
    private final int status;
    private final String decision;

    public Problem(int status, String detail) {
        this(status, detail, null);
    }

    /** A problem that was logged as a rejected decision with this id. */
    public Problem(int status, String detail, String decision) {
        super(detail);
        this.status = status;
        this.decision = decision;
    }

    public int status() {
        return status;
    }

    /** The id of the rejected decision this was logged as, or null when it was not logged. */
    public String decision() {
        return decision;
    }

    public static Problem badRequest(String detail) {
        return new Problem(400, detail);
    }

    public static Problem notFound(String detail) {
        return new Problem(404, detail);
    }
}
