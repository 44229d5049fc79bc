package org.accrue.cli;

import org.accrue.service.store.Database;
import org.accrue.service.store.StoreException;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** {@code --db URL}, shared by the service's commands: serve, users, tokens, audit. */
final class DbOption {
    @Option(names = "--db", paramLabel = "URL",
            description = "The service's database: jdbc:sqlite:FILE or a file path (SQLite), or "
                    + "jdbc:postgresql://HOST/DB?user=...&password=... Default: " + Database.DEFAULT_URL
                    + " (accrue.db in the working directory).")
    String url;

    /** The URL given, or the default. */
    String url() {
        return url == null ? Database.DEFAULT_URL : url;
    }

    /** The database, migrated; null after printing why it cannot be opened. */
    Database open(String command, PrintWriter err) {
        try {
            return Database.open(url());
        } catch (StoreException e) {
            err.println("accrue " + command + ": " + e.getMessage());
            err.flush();
            return null;
        }
    }
}
