package org.accrue.reading;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.accrue.report.Printable;

/**
 * A learner file that cannot be read as a learner record. The message is one line:
 * {@code file: where: what is wrong}, where {@code where} is a field path such as
 * {@code credentials[2].level.value} or a {@code line N, column M} position.
 */
public final class InvalidInputException extends Exception {
    private final String file;
    private final String where;
    private final String problem;

    /** The longest problem text kept: a message is one line, never a flood. */
    private static final int MAX_PROBLEM = 400;

    /** Each part is made printable (no control characters: {@link Printable}) and the problem cut to length. */
    public InvalidInputException(String file, String where, String problem) {
        this(Printable.visible(file), Printable.visible(where), cut(Printable.visible(problem)), true);
    }

    private InvalidInputException(String file, String where, String problem, boolean printable) {
        super(file + ": " + where + ": " + problem);
        this.file = file;
        this.where = where;
        this.problem = problem;
    }

    private static String cut(String s) {
        return s == null || s.length() <= MAX_PROBLEM ? s : s.substring(0, MAX_PROBLEM) + "...";
    }

    /**
     * Text that a parser could not read as {@code format} (JSON, YAML): where the parser stopped, as
     * {@code line N, column M} ({@code file} when it cannot say), and the first line of its message.
     */
    public static InvalidInputException malformed(String file, String format, Exception parserError) {
        if (!(parserError instanceof JsonProcessingException e)) {
            return new InvalidInputException(file, "file", "malformed " + format + ": "
                    + firstLine(parserError.getMessage()));
        }
        JsonLocation at = e.getLocation();
        String where = at == null ? "file" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new InvalidInputException(file, where, "malformed " + format + ": " + firstLine(e.getOriginalMessage()));
    }

    /** The first line of a library's message, which may run to several. */
    static String firstLine(String s) {
        return s == null ? "unreadable" : s.lines().findFirst().orElse("").trim();
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
