package org.accrue.cli;

import org.accrue.service.accounts.Accounts;
import org.accrue.service.accounts.Role;
import org.accrue.service.store.Database;
import org.accrue.service.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;

@Command(name = "users", mixinStandardHelpOptions = true,
        description = "The service's users: people who sign in with a password (HTTP Basic, and the web page).",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Remove.class})
final class UsersCommand {

    @Command(name = "add", mixinStandardHelpOptions = true, description = {"Adds a user. The password is read "
            + "from standard input (one line), or asked for twice without echo on a terminal; only its BCrypt "
            + "hash is kept."})
    static final class Add implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "Letters, digits and . _ @ -")
        String name;
        @Mixin
        RoleOption role = new RoleOption();
        @Mixin
        DbOption db = new DbOption();

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            Role r = role.role("users add", err);
            if (r == null) {
                return ExitStatus.USAGE;
            }
            char[] password = password(err);
            if (password == null) {
                return ExitStatus.USAGE;
            }
            return withAccounts("users add", db, err, accounts -> {
                accounts.addUser(name, r, password);
                Arrays.fill(password, '\0');
                spec.commandLine().getOut().println("added user " + name + " (" + r.code() + ")");
            });
        }

        private static char[] password(PrintWriter err) {
            Console console = System.console();
            if (console != null) {
                char[] first = console.readPassword("Password for the new user: ");
                char[] second = console.readPassword("Again: ");
                if (first == null || !Arrays.equals(first, second)) {
                    err.println("accrue users add: the passwords differ");
                    return null;
                }
                return first;
            }
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isEmpty()) {
                    err.println("accrue users add: no password on standard input");
                    return null;
                }
                return line.toCharArray();
            } catch (IOException e) {
                err.println("accrue users add: standard input cannot be read: " + e.getMessage());
                return null;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists users and tokens with their roles.")
    static final class ListUsers implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        DbOption db = new DbOption();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            return withAccounts("users list", db, spec.commandLine().getErr(), accounts -> accounts.list()
                    .forEach(a -> out.println(a.name() + "\t" + a.role().code() + "\t"
                            + a.kind().name().toLowerCase(java.util.Locale.ROOT) + "\t" + a.createdAt())));
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes a user or a token.")
    static final class Remove implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME")
        String name;
        @Mixin
        DbOption db = new DbOption();

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            int[] status = {ExitStatus.OK};
            int s = withAccounts("users remove", db, err, accounts -> {
                if (accounts.remove(name)) {
                    spec.commandLine().getOut().println("removed " + name);
                } else {
                    err.println("accrue users remove: no user or token '" + name + "'");
                    status[0] = ExitStatus.USAGE;
                }
            });
            return s == ExitStatus.OK ? status[0] : s;
        }
    }

    /** Runs an action on the accounts of the database, mapping its errors to exit statuses. */
    static int withAccounts(String command, DbOption option, PrintWriter err, java.util.function.Consumer<Accounts> action) {
        Database db = option.open(command, err);
        if (db == null) {
            return ExitStatus.DATABASE;
        }
        try (db) {
            action.accept(new Accounts(db, Clock.systemUTC()));
            return ExitStatus.OK;
        } catch (IllegalArgumentException e) {
            err.println("accrue " + command + ": " + e.getMessage());
            return ExitStatus.USAGE;
        } catch (StoreException e) {
            err.println("accrue " + command + ": " + e.getMessage());
            return ExitStatus.DATABASE;
        }
    }
}
