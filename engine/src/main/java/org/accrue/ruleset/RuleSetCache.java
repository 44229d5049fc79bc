package org.accrue.ruleset;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Compiled rule sets on disk, so that a second run on an unchanged rule set loads pre-compiled rules instead of
 * compiling and checking them again. An entry is written only for a rule set that passed every check, and is
 * keyed by the rule set's content hash and a fingerprint of the engine's classes (which the compiled rules
 * call, and which hold the checks), so a changed rule file or a changed engine never loads a stale entry.
 *
 * <p>An entry is not trusted: beside each compiled module, a {@code .sum} file records the rule set it was
 * compiled from and the SHA-256 of the module's bytes, and a loaded entry must match both, embed the same rule
 * files and pass the safe rule policy again ({@link RuleCompiler#cached}); anything else is discarded with a
 * warning and compiled anew. The folder is created readable and writable by its owner only, and a folder that
 * others could write to, or that another user owns, is not used at all.
 *
 * <p>The folder is {@code accrue.cache.dir} (system property), else {@code ACCRUE_CACHE_DIR}, else
 * {@code $XDG_CACHE_HOME/accrue}, else {@code ~/.cache/accrue}. {@code ACCRUE_CACHE=off} (or the system
 * property {@code accrue.cache=off}) turns caching off.
 */
final class RuleSetCache {
    /** The engine's classes: compiled rules are linked against them, and they hold the checks. */
    private static final List<String> LINKED = List.of("org/accrue/");
    private static final String FINGERPRINT = fingerprint();

    private static final System.Logger LOG = System.getLogger("org.accrue.ruleset");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private RuleSetCache() {
    }

    /**
     * A stored entry as read.
     *
     * @param sources the rule-set id its record names
     * @param sha256  the hash of its module's bytes its record names
     */
    record Entry(Path path, byte[] module, String sources, String sha256) {
        /** Null when the record matches the rule set asked for and the bytes read; else what does not. */
        String mismatch(String rulesetId) {
            if (!rulesetId.equals(sources)) {
                return "it was stored for rule set " + sources;
            }
            if (!org.accrue.io.Sha256.hex(module).equals(sha256)) {
                return "its bytes are not those stored";
            }
            return null;
        }
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
        String key = org.accrue.io.Sha256.hex(rulesetId + "\n" + FINGERPRINT + "\n"
                + System.getProperty("java.specification.version"));
        return Optional.of(dir.resolve("ruleset-" + key.substring(0, 32) + ".jar"));
    }

    /** The entry at this place, if there is a whole one (module and record). */
    static Optional<Entry> read(Path entry) {
        try {
            if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            byte[] module = Files.readAllBytes(entry);
            List<String> record = Files.readAllLines(sum(entry), StandardCharsets.UTF_8);
            String sources = null;
            String sha = null;
            for (String line : record) {
                if (line.startsWith("sources ")) {
                    sources = line.substring("sources ".length());
                } else if (line.startsWith("sha256 ")) {
                    sha = line.substring("sha256 ".length());
                }
            }
            return Optional.of(new Entry(entry, module, sources, sha));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Writes an entry, module then record, each whole or not at all; a cache that cannot be written is no error. */
    static void write(Path entry, String rulesetId, byte[] bytes) {
        try {
            org.accrue.io.AtomicFiles.write(entry, bytes);
            org.accrue.io.AtomicFiles.write(sum(entry), ("sources " + rulesetId + "\nsha256 "
                    + org.accrue.io.Sha256.hex(bytes) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // caching only saves time: carry on without it
        }
    }

    /** An entry that is not what it claims: said once, removed, and compiled anew by the caller. */
    static void reject(Entry entry, String why) {
        LOG.log(System.Logger.Level.WARNING, "accrue: compiled-rule cache entry " + entry.path() + " not used: "
                + why + "; compiling the rule set again");
        try {
            Files.deleteIfExists(entry.path());
            Files.deleteIfExists(sum(entry.path()));
        } catch (IOException e) {
            // overwritten when the rule set is stored again
        }
    }

    private static Path sum(Path entry) {
        return entry.resolveSibling(entry.getFileName().toString().replaceFirst("\\.jar$", "") + ".sum");
    }

    /**
     * The cache folder, made readable and writable by its owner only; null when it cannot be had safely: a
     * folder another user owns or others may write to would let them plant compiled rules.
     */
    private static Path folder() {
        Path dir = configuredFolder();
        if (dir == null) {
            return null;
        }
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir.getParent() == null ? dir : dir.getParent());
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // made by a concurrent run: checked below like any other
                }
            }
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return unsafe(dir, "it is not a folder (or is a symbolic link)");
            }
            if (!Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))) {
                return unsafe(dir, "another user owns it");
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                return unsafe(dir, "others may write to it (chmod go-w it, or remove it)");
            }
            return dir;
        } catch (IOException | UnsupportedOperationException e) {
            return null; // no safe cache: compile every time
        }
    }

    private static final Set<Path> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static Path unsafe(Path dir, String why) {
        if (WARNED.add(dir)) {
            LOG.log(System.Logger.Level.WARNING, "accrue: not using compiled-rule cache " + dir + ": " + why);
        }
        return null;
    }

    private static Path configuredFolder() {
        String dir = System.getProperty("accrue.cache.dir", System.getenv("ACCRUE_CACHE_DIR"));
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir).toAbsolutePath();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "accrue").toAbsolutePath();
        }
        String home = System.getProperty("user.home");
        return home == null ? null : Path.of(home, ".cache", "accrue");
    }

    /** A hash of the engine's classes, from its jar or class folder. */
    private static String fingerprint() {
        try {
            Path source = Path.of(RuleSetCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            MessageDigest sha = org.accrue.io.Sha256.digest();
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
            return org.accrue.io.Sha256.hex(sha);
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null; // no fingerprint, no cache: never risk a stale entry
        }
    }

}
