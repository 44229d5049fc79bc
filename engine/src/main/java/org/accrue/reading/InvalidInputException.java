package org.accrue.reading;

/**
 * A learner file that cannot be read as a learner record. The message is one line:
 * {@code file: where: what is wrong}, where {@code where} is a field path such as
 * {@code credentials[2].level.value} or a {@code line N, column M} position.
 */
public final class InvalidInputException extends Exception {
    private final String file;
    private final String where;
    private final String problem;

    public InvalidInputException(String file, String where, String problem) {
        super(file + ": " + where + ": " + problem);
        this.file = file;
        this.where = where;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    /** The field path or line position of the problem. */
    public String where() {
        return where;
    }

    public String problem() {
        return problem;
    }
}
