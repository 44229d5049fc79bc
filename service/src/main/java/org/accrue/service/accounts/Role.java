package org.accrue.service.accounts;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a user or token may do; each role may do everything the roles before it may. */
public enum Role {
    /** Evaluate learners, read decisions, rule sets and exceptions. */
    VIEWER,
    /** Also propose staff exceptions. */
    OFFICER,
    /** Also approve or reject exceptions others proposed. */
    APPROVER,
    /** Also manage users and tokens, and erase a learner's data. */
    ADMIN;

    /** True when this role may do what {@code needed} may. */
    public boolean covers(Role needed) {
        return ordinal() >= needed.ordinal();
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role a word names, or an error listing the roles. */
    public static Role of(String word) {
        for (Role r : values()) {
            if (r.code().equals(word == null ? "" : word.strip().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + org.accrue.report.Printable.echo(String.valueOf(word))
                + "'; expected one of " + Arrays.stream(values()).map(Role::code).collect(Collectors.joining(" | ")));
    }
}
