package org.accrue.cli;

import org.accrue.service.accounts.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;

@Command(name = "tokens", mixinStandardHelpOptions = true,
        description = "The service's tokens: how systems (an admissions system, a script) call the HTTP API.",
        subcommands = {TokensCommand.Create.class})
final class TokensCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = {"Creates a token and prints it, "
            + "once: only a hash of it is kept. Send it as Authorization: Bearer TOKEN. 'accrue users list' lists "
            + "tokens; 'accrue users remove NAME' revokes one."})
    static final class Create implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "Letters, digits and . _ @ -; decisions record it as who asked")
        String name;
        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "viewer | officer | approver | admin")
        String role;
        @Mixin
        DbOption db = new DbOption();

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            Role r;
            try {
                r = Role.of(role);
            } catch (IllegalArgumentException e) {
                err.println("accrue tokens create: --role: " + e.getMessage());
                return ExitStatus.USAGE;
            }
            return UsersCommand.withAccounts("tokens create", db, err,
                    accounts -> spec.commandLine().getOut().println(accounts.createToken(name, r)));
        }
    }
}
