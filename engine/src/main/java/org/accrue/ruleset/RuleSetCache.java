package org.accrue.ruleset;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Compiled rule sets on disk, so that a second run on an unchanged rule set loads pre-compiled rules instead of
 * compiling and checking them again. An entry is written only for a rule set that passed every check, and is
 * keyed by the rule set's content hash and a fingerprint of the engine's classes (which the compiled rules
 * call, and which hold the checks), so a changed rule file or a changed engine never loads a stale entry.
 *
 * <p>The folder is {@code accrue.cache.dir} (system property), else {@code ACCRUE_CACHE_DIR}, else
 * {@code $XDG_CACHE_HOME/accrue}, else {@code ~/.cache/accrue}. {@code ACCRUE_CACHE=off} (or the system
 * property {@code accrue.cache=off}) turns caching off.
 */
final class RuleSetCache {
    /** The engine's classes: compiled rules are linked against them, and they hold the checks. */
    private static final List<String> LINKED = List.of("org/accrue/");
    private static final String FINGERPRINT = fingerprint();

    private RuleSetCache() {
    }

    /** Where the compiled form of a rule set is kept, or empty when caching is off or impossible. */
    static Optional<Path> entry(String rulesetId) {
        String off = System.getProperty("accrue.cache", System.getenv("ACCRUE_CACHE"));
        if ("off".equalsIgnoreCase(off) || FINGERPRINT == null) {
            return Optional.empty();
        }
        Path dir = folder();
        if (dir == null) {
            return Optional.empty();
        }
        String key = sha256(rulesetId + "\n" + FINGERPRINT + "\n" + System.getProperty("java.specification.version"));
        return Optional.of(dir.resolve("ruleset-" + key.substring(0, 32) + ".jar"));
    }

    static Optional<byte[]> read(Path entry) {
        try {
            return Optional.of(Files.readAllBytes(entry));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Writes an entry whole or not at all; a cache that cannot be written is no error. */
    static void write(Path entry, byte[] bytes) {
        try {
            Files.createDirectories(entry.getParent());
            Path tmp = Files.createTempFile(entry.getParent(), "ruleset-", ".tmp");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, entry, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // caching only saves time: carry on without it
        }
    }

    static void discard(Path entry) {
        try {
            Files.deleteIfExists(entry);
        } catch (IOException e) {
            // a stale entry that cannot be removed is rebuilt and overwritten next time
        }
    }

    private static Path folder() {
        String dir = System.getProperty("accrue.cache.dir", System.getenv("ACCRUE_CACHE_DIR"));
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "accrue");
        }
        String home = System.getProperty("user.home");
        return home == null ? null : Path.of(home, ".cache", "accrue");
    }

    /** A hash of the engine's classes, from its jar or class folder. */
    private static String fingerprint() {
        try {
            Path source = Path.of(RuleSetCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            if (Files.isDirectory(source)) {
                for (String pkg : LINKED) {
                    Path dir = source.resolve(pkg);
                    if (!Files.isDirectory(dir)) {
                        continue;
                    }
                    try (Stream<Path> files = Files.walk(dir)) {
                        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                            sha.update(source.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                            sha.update(Files.readAllBytes(f));
                        }
                    }
                }
            } else {
                try (ZipFile jar = new ZipFile(source.toFile())) {
                    for (ZipEntry e : jar.stream().filter(e -> LINKED.stream().anyMatch(e.getName()::startsWith))
                            .sorted(java.util.Comparator.comparing(ZipEntry::getName)).toList()) {
                        sha.update(e.getName().getBytes(StandardCharsets.UTF_8));
                        try (InputStream in = jar.getInputStream(e)) {
                            sha.update(in.readAllBytes());
                        }
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException | URISyntaxException | NoSuchAlgorithmException | RuntimeException e) {
            return null; // no fingerprint, no cache: never risk a stale entry
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
