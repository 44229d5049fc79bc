package org.accrue.cli;

import org.accrue.trust.Signer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;

@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Signing keys for the badges Accrue emits (docs/trust.md).",
        subcommands = {KeysCommand.Generate.class})
final class KeysCommand {

    @Command(name = "generate", sortOptions = false, mixinStandardHelpOptions = true,
            description = {"Writes a new Ed25519 private key (a JWK) to --out, readable by its owner only, and prints "
                    + "its public part: the did:key that badges signed with it name as their issuer, and the entry "
                    + "for a registry's trust list. Use it with 'accrue evaluate --emit-badge DIR --sign-key KEY'."},
            exitCodeListHeading = "%nExit status:%n", exitCodeList = {
            "0:the key was written",
            "1:the key could not be written",
            "2:usage error, or --out exists (use --force to replace it)"})
    static final class Generate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", paramLabel = "KEY.jwk", required = true, description = "Where to write the private key.")
        Path out;

        @Option(names = "--force", description = "Replace --out if it exists.")
        boolean force;

        @Option(names = "--name", paramLabel = "NAME", defaultValue = "Our institution",
                description = "The issuer's name, for the trust-list entry printed. Default: Our institution.")
        String name;

        @Override
        public Integer call() {
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (Files.exists(out) && !force) {
                err.println("accrue keys generate: " + out + " exists; use --force to replace it");
                err.flush();
                return ExitStatus.USAGE;
            }
            Signer.Generated key = Signer.generate();
            try {
                Path parent = out.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                Path tmp = Files.createTempFile(parent, ".key", ".tmp");
                try {
                    try {
                        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                    } catch (UnsupportedOperationException notPosix) {
                        // a file system without POSIX permissions: the folder's own protection applies
                    }
                    Files.writeString(tmp, key.privateJwk() + "\n", StandardCharsets.UTF_8);
                    Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException e) {
                err.println("accrue keys generate: --out " + org.accrue.io.IoErrors.describe(e));
                err.flush();
                return ExitStatus.BAD_INPUT;
            }
            stdout.println("Wrote the private key to " + out + ": keep it secret.");
            stdout.println("Issuer (did:key): " + key.did());
            stdout.println("Public key (JWK): " + key.publicJwk());
            stdout.println("Public key (Multikey): " + key.publicMultikey());
            stdout.println();
            stdout.println("For a registry's trust list:");
            stdout.println("  - id: " + key.did());
            stdout.println("    name: " + name);
            stdout.flush();
            return ExitStatus.OK;
        }
    }
}
