package org.accrue.service;

import java.util.Locale;

/** Which request bodies may hold a learner file: text, JSON or YAML, and what curl sends by default. */
final class MediaTypes {
    static final String ACCEPTED = "application/json, application/ld+json, application/yaml, text/csv or other "
            + "text/*";

    private MediaTypes() {
    }

    /** The type without parameters, lower case; empty when none was given. */
    static String base(String mediaType) {
        if (mediaType == null) {
            return "";
        }
        int semi = mediaType.indexOf(';');
        return (semi < 0 ? mediaType : mediaType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    /**
     * True for a type a learner file may come as: none given, any {@code text/*}, JSON and YAML types (with
     * {@code +json} suffixes such as {@code application/vc+ld+json}), {@code application/octet-stream}, and
     * {@code application/x-www-form-urlencoded}, which curl's {@code --data-binary} sends unless told otherwise.
     */
    static boolean readable(String mediaType) {
        String t = base(mediaType);
        return t.isEmpty() || t.startsWith("text/") || t.equals("application/json") || t.endsWith("+json")
                || t.equals("application/yaml") || t.equals("application/x-yaml") || t.equals("application/octet-stream")
                || t.equals("application/x-www-form-urlencoded");
    }

    /** True for a JSON type: malformed text is then reported as JSON. */
    static boolean json(String mediaType) {
        String t = base(mediaType);
        return t.equals("application/json") || t.endsWith("+json");
    }
}
