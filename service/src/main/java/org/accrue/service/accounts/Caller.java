package org.accrue.service.accounts;

/**
 * Who is asking: a user who signed in with a password, or a token.
 *
 * @param name the user's or the token's name, as decisions record it
 */
public record Caller(String name, Role role, Kind kind) {
    public enum Kind { USER, TOKEN }
}
