package org.accrue.cli;

import org.accrue.service.accounts.Role;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** {@code --role ROLE}, shared by the commands that make accounts: users add, tokens create. */
final class RoleOption {
    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "viewer | officer | approver | admin")
    String word;

    /** The role named, or null after printing why it is not one. */
    Role role(String command, PrintWriter err) {
        try {
            return Role.of(word);
        } catch (IllegalArgumentException e) {
            err.println("accrue " + command + ": --role: " + e.getMessage());
            return null;
        }
    }
}
