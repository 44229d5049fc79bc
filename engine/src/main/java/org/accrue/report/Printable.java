package org.accrue.report;

/**
 * Learner- and rule-supplied text made safe to print: control characters (an ANSI escape, a newline in a name,
 * a NUL), the Unicode line and paragraph separators and the bidirectional overrides are shown as visible
 * escapes ({@code \u001b}), so that no input can clear an officer's screen, set a window title, reorder a line
 * or forge a report line; and text echoed in a message is cut to a few dozen characters.
 */
public final class Printable {
    /** How much of a value an error message echoes. */
    public static final int ECHO = 40;

    private Printable() {
    }

    /** The text with every character that could act on a terminal or split a line shown as {@code \\uXXXX}. */
    public static String visible(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (unsafe(c)) {
                if (b == null) {
                    b = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                b.append(String.format("\\u%04x", (int) c));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    /** A value to echo in a message: visible, and cut to {@link #ECHO} characters with what was left out said. */
    public static String echo(String s) {
        if (s == null) {
            return "null";
        }
        String cut = s.length() <= ECHO ? s : s.substring(0, ECHO) + "... (" + s.length() + " characters)";
        return visible(cut);
    }

    private static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f
                || c == 0x061c;
    }
}
