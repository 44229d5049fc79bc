package org.accrue.cli;

import org.accrue.RuleProblem;
import org.accrue.RuleSetException;
import org.accrue.service.RuleSets;
import org.accrue.service.ServiceConfig;
import org.accrue.service.http.Server;
import org.accrue.service.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs Accrue as a registry service: the HTTP API (docs/service.md), every decision on an "
                + "append-only, hash-chained log. With no options: the packaged rule set on 127.0.0.1:8080, "
                + "SQLite accrue.db in the working directory. Stops on Ctrl-C or SIGTERM, committing what it took."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on (0: any free port). Default: 8080.")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on. Default: 127.0.0.1.")
    String bind;

    @Mixin
    DbOption db = new DbOption();

    @Option(names = "--rules", paramLabel = "DIR",
            description = "A folder of rule files for one rule set in force from the beginning; repeat to combine "
                    + "folders. Default: the packaged rule set. A configuration file can name several rule sets "
                    + "by date in force.")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "A YAML configuration file (docs/service.md); "
            + "options given here override it.")
    Path config;

    @Option(names = "--catalogue", paramLabel = "FILE", description = "A catalogue of micro-credentials on offer "
            + "(docs/planning.md) for POST /v1/plans, POST /v1/what-if and the web page's plan tab. Default: none, "
            + "and those are refused.")
    Path catalogue;

    @Option(names = "--trust", paramLabel = "FILE", description = "The registry's trust list (YAML, docs/trust.md): "
            + "the issuers whose signed credentials it accepts. Overrides trust: in --config.")
    Path trust;

    @Option(names = "--require-verified", description = "Count only credentials verified against the trust list; "
            + "the others are listed as carrying no credit, with the reason. Same as requireVerified: true.")
    boolean requireVerified;

    @Option(names = "--max-body", paramLabel = "SIZE", description = "The largest request body (5MB, 512KB, "
            + "bytes); 413 above it. Default: 5MB.")
    String maxBody;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServiceConfig c;
        try {
            c = config == null ? ServiceConfig.defaults() : ServiceConfig.read(config);
            if (port != null) {
                if (port < 0 || port > 65535) {
                    throw new IllegalArgumentException("--port " + port + ": expected 0 to 65535");
                }
                c = c.withPort(port);
            }
            if (bind != null) {
                c = c.withBind(bind);
            }
            if (db.url != null) {
                c = c.withDb(db.url);
            }
            if (!rules.isEmpty()) {
                c = c.withRuleSets(List.of(new RuleSets.Spec(rules, RuleSets.ALWAYS)));
            }
            if (catalogue != null) {
                c = c.withCatalogue(catalogue);
            }
            if (trust != null) {
                c = c.withTrust(trust);
            }
            if (requireVerified) {
                c = c.withRequireVerified(true);
            }
            if (maxBody != null) {
                try {
                    c = c.withMaxBody(ServiceConfig.bytes(maxBody));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--max-body: " + e.getMessage());
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("accrue serve: " + e.getMessage());
            return ExitStatus.USAGE;
        }
        Server server;
        try {
            server = Server.start(c, Clock.systemUTC());
        } catch (RuleSetException e) {
            e.problems().stream().map(RuleProblem::toString).forEach(err::println);
            err.println("accrue serve: a rule set could not be loaded");
            return ExitStatus.RULE_SET;
        } catch (StoreException e) {
            err.println("accrue serve: " + e.getMessage());
            return ExitStatus.DATABASE;
        } catch (IllegalArgumentException e) {
            err.println("accrue serve: " + e.getMessage());
            return ExitStatus.USAGE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "accrue-serve-stop"));
        String host = c.bind().contains(":") ? "[" + c.bind() + "]" : c.bind();
        out.println("accrue serve: listening on http://" + host + ":" + server.port() + " (database "
                + server.registry().database().describe() + "; rule sets " + String.join(", ", server.registry()
                .ruleSets().all().stream().map(s -> s.ruleSet().id().substring(0, 19) + (s.from()
                .equals(RuleSets.ALWAYS) ? "" : " from " + s.from())).toList()) + ")");
        if (server.registry().accounts().list().isEmpty()) {
            out.println("accrue serve: no accounts yet; create a token with: accrue tokens create NAME --role admin"
                    + (db.url == null ? "" : " --db " + db.url));
        }
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitStatus.OK;
    }
}
