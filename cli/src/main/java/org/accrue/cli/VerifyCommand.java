package org.accrue.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.accrue.report.Printable;
import org.accrue.trust.TrustList;
import org.accrue.trust.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "verify", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Checks signed credentials offline and prints the verification status of each.",
                "Each FILE is an Open Badges 3.0 credential (JSON with an embedded eddsa-rdfc-2022 proof, or a "
                        + "VC-JWT), a JSON array of them, or a CLR 2.0 credential, whose own proof and each nested "
                        + "credential are checked; a folder stands for the .json and .jwt files below it. The "
                        + "statuses: verified, invalid-proof, untrusted-issuer, expired, not-yet-valid, revoked, "
                        + "unsigned, unsupported-proof (docs/trust.md). Nothing is fetched."},
        exitCodeListHeading = "%nExit status:%n", exitCodeList = {
        "0:every credential is verified",
        "1:at least one credential is not verified, or a file could not be read; the others were checked",
        "2:usage error: unknown option, bad date, a trust list that cannot be read"})
final class VerifyCommand implements Callable<Integer> {
    enum Format { text, json }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--trust", paramLabel = "FILE",
            description = "The registry's trust list (YAML, docs/trust.md). Without it no issuer is trusted, so "
                    + "nothing is verified: a valid proof is reported untrusted-issuer.")
    Path trust;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
            description = "The day validity (validFrom, validUntil) is judged for. Default: today.")
    LocalDate asOf;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text: a line per credential (default). json: a JSON object per credential per line, "
                    + "with file, at, id, issuer, status and message.")
    Format format;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Credential files or folders of them.")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrustList list = trust == null ? TrustList.EMPTY : TrustOption.read("verify", trust, err);
        if (list == null) {
            return ExitStatus.USAGE;
        }
        Verifier verifier = new Verifier(list);
        LocalDate day = asOf == null ? LocalDate.now() : asOf;
        int status = ExitStatus.OK;
        List<Path> all = expand(files, err);
        if (all == null) {
            status = ExitStatus.BAD_INPUT;
            all = unreadableAside;
        }
        for (Path file : all) {
            List<Verifier.Located> found;
            try {
                found = verifier.checkAll(Files.readString(file), day);
            } catch (IOException e) {
                err.println(file + ": cannot be read: " + org.accrue.io.IoErrors.describe(e));
                status = ExitStatus.BAD_INPUT;
                continue;
            } catch (IllegalArgumentException e) {
                err.println(file + ": " + e.getMessage());
                status = ExitStatus.BAD_INPUT;
                continue;
            }
            for (Verifier.Located l : found) {
                var c = l.checked();
                String id = c.id();
                if (format == Format.json) {
                    ObjectNode line = JSON.createObjectNode();
                    line.put("file", file.toString());
                    line.put("at", l.at());
                    line.put("id", id);
                    line.put("issuer", c.issuer());
                    line.put("status", c.verification().status().code());
                    line.put("message", c.verification().message());
                    out.println(line);
                } else {
                    out.println(Printable.visible(file + " " + l.at() + (id == null ? "" : " (" + id + ")") + ": "
                            + c.verification()));
                }
                if (!c.verification().verified()) {
                    status = ExitStatus.BAD_INPUT;
                }
            }
        }
        out.flush();
        err.flush();
        return status;
    }

    /** The files found when a folder could not be walked: they are still checked. */
    private List<Path> unreadableAside = List.of();

    /** The files to check, or null (with {@link #unreadableAside}) after reporting a folder that cannot be read. */
    private List<Path> expand(List<Path> args, PrintWriter err) {
        List<Path> all = new ArrayList<>();
        boolean failed = false;
        for (Path a : args) {
            if (Files.isDirectory(a)) {
                try (var walk = Files.walk(a)) {
                    walk.filter(Files::isRegularFile).filter(p -> {
                        String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                        return n.endsWith(".json") || n.endsWith(".jwt");
                    }).sorted().forEach(all::add);
                } catch (IOException | java.io.UncheckedIOException e) {
                    err.println(a + ": cannot be read: " + e.getMessage());
                    failed = true;
                }
            } else {
                all.add(a);
            }
        }
        if (failed) {
            unreadableAside = all;
            return null;
        }
        return all;
    }
}
