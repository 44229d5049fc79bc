package org.accrue.learner;

import java.math.BigDecimal;

/**
 * A credential's grade as stated: its value, and the grading scale it is on ({@code ects}, {@code uk-percent},
 * {@code nl-10}, {@code de-5}, {@code pass-fail}, or a scale a registry's own rules define), or no scale for a
 * grade given as plain text, which no rule can judge. Whether a grade is a pass is the framework rules' word
 * ({@code frameworks/grades.drl}), not Java's.
 *
 * @param value the grade as written ({@code B}, {@code 62}, {@code 5.5}, {@code pass})
 * @param scale the scale's name, lower case, or null
 */
public record StatedGrade(String value, String scale) {
    /** A grade as a number: a few digits, a decimal point or comma, a few more; no exponent, no sign. */
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("\\d{1,4}([.,]\\d{1,4})?");
    /** How much of a grade's value a message repeats. */
    private static final int SHOWN = 40;

    /**
     * The value as a number ({@code 62}, {@code 5.5}, {@code 2,3} read as 2.3), or null when it is not a plain
     * decimal of a few digits (an exponent such as {@code 1e999999999} is not a grade, and must not become a
     * billion-digit number in a message).
     */
    public BigDecimal number() {
        String v = value.trim();
        return NUMBER.matcher(v).matches() ? new BigDecimal(v.replace(',', '.')) : null;
    }

    /** The value as messages repeat it: at most 40 characters. */
    public String shown() {
        return value.length() <= SHOWN ? value : value.substring(0, SHOWN - 3) + "...";
    }

    /** The value in upper case without spaces, for letter grades ({@code fx} is {@code FX}); at most 40 characters. */
    public String letter() {
        String v = value.length() > SHOWN ? value.substring(0, SHOWN) : value;
        return v.trim().toUpperCase(java.util.Locale.ROOT).replace(" ", "");
    }

    @Override
    public String toString() {
        return scale == null ? value : value + " (" + scale + ")";
    }
}
