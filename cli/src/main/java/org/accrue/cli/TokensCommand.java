package org.accrue.cli;

import org.accrue.service.accounts.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
        @Mixin
        RoleOption role = new RoleOption();
        @Mixin
        DbOption db = new DbOption();

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            Role r = role.role("tokens create", err);
            if (r == null) {
                return ExitStatus.USAGE;
            }
            return UsersCommand.withAccounts("tokens create", db, err,
                    accounts -> spec.commandLine().getOut().println(accounts.createToken(name, r)));
        }
    }
}
