package org.accrue.ruleset;

import org.accrue.RuleSetException;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** Finds the rule files of a rule set and computes its identity. */
public final class RuleSources {
    /** Where the build packages the shipped {@code frameworks/} and {@code rules/} folders. */
    static final String PACKAGED = "/accrue/ruleset";
    /** Rule files, DSL vocabularies, sentences in a vocabulary, and decision tables. */
    static final List<String> EXTENSIONS = List.of(".drl", ".dsl", ".dslr", ".drl.csv", ".drl.xls", ".drl.xlsx");

    private RuleSources() {
    }

    /** The rule files below each folder, each named {@code <folder name>/<relative path>}. */
    public static List<RuleFile> fromFolders(List<Path> folders) throws RuleSetException {
        if (folders.isEmpty()) {
            throw new RuleSetException("no rule folders given");
        }
        List<RuleFile> files = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                throw new RuleSetException(folder + ": not a folder of rule files");
            }
            files.addAll(read(folder, folder.toString(), folder.toAbsolutePath().normalize().getFileName()));
        }
        if (files.isEmpty()) {
            throw new RuleSetException("no rule files (" + String.join(", ", EXTENSIONS) + ") in "
                    + folders.stream().map(Path::toString).toList());
        }
        return files;
    }

    /** The name of a folder of framework rules, packaged or given: {@code frameworks}. */
    public static final String FRAMEWORKS = "frameworks";

    /**
     * An institution's rule folders on top of the framework rules: the packaged {@code frameworks/} unless the
     * frameworks are replaced on purpose, by {@code frameworks} folders given, or by a folder among {@code rules}
     * that is named {@code frameworks} or holds one (a copy of the repository's layout). Leaving out the frameworks
     * by giving only one's own rules would leave every credential without credit; it cannot happen here.
     */
    public static List<RuleFile> onFrameworks(List<Path> rules, List<Path> frameworks) throws RuleSetException {
        boolean replaced = !frameworks.isEmpty() || rules.stream()
                .anyMatch(f -> FRAMEWORKS.equals(String.valueOf(f.toAbsolutePath().normalize().getFileName()))
                        || Files.isDirectory(f.resolve(FRAMEWORKS)));
        List<RuleFile> files = new ArrayList<>();
        if (!replaced) {
            try {
                Path packaged = packagedRoot().resolve(FRAMEWORKS);
                files.addAll(read(packaged, "(packaged) " + FRAMEWORKS, packaged.getFileName()));
            } catch (IOException e) {
                throw new RuleSetException("cannot read the packaged frameworks: " + e.getMessage());
            }
        }
        List<Path> all = new ArrayList<>(frameworks);
        all.addAll(rules);
        files.addAll(fromFolders(all));
        return files;
    }

    /** The rule set packaged with the engine: the repository's {@code frameworks/} and {@code rules/}. */
    public static List<RuleFile> packaged() throws RuleSetException {
        try {
            Path root = packagedRoot();
            List<RuleFile> files = new ArrayList<>();
            try (Stream<Path> folders = Files.list(root)) {
                for (Path folder : folders.filter(Files::isDirectory).sorted(byName()).toList()) {
                    files.addAll(read(folder, "(packaged) " + folder.getFileName(), folder.getFileName()));
                }
            }
            return files;
        } catch (IOException e) {
            throw new RuleSetException("cannot read the packaged rule set: " + e.getMessage());
        }
    }

    /** The folder holding the packaged {@code frameworks/} and {@code rules/}, inside the jar or on disk. */
    public static Path packagedRoot() throws IOException {
        URL url = RuleSources.class.getResource(PACKAGED);
        if (url == null) {
            throw new IOException("the packaged rule set is missing from the classpath (" + PACKAGED + ")");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try {
                    FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    // opened before: Path.of(uri) finds it
                }
            }
            return Path.of(uri);
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    /** {@code sha256:<hex>} over every file's name and bytes, in name order: the same on every machine. */
    public static String hash(List<RuleFile> files) {
        MessageDigest sha = org.accrue.io.Sha256.digest();
        files.stream().sorted(Comparator.comparing(RuleFile::name)).forEach(f -> {
            sha.update(f.name().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(Long.toString(f.content().length).getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0);
            sha.update(f.content());
        });
        return "sha256:" + org.accrue.io.Sha256.hex(sha);
    }

    private static List<RuleFile> read(Path folder, String display, Path label) throws RuleSetException {
        List<RuleFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).filter(RuleSources::isRuleFile).sorted(byName()).toList()) {
                String relative = folder.relativize(p).toString().replace('\\', '/');
                files.add(new RuleFile(label + "/" + relative, display + "/" + relative, Files.readAllBytes(p)));
            }
        } catch (IOException e) {
            throw new RuleSetException(display + ": cannot be read: " + e.getMessage());
        }
        return files;
    }

    private static boolean isRuleFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(n::endsWith);
    }

    private static Comparator<Path> byName() {
        return Comparator.comparing(Path::toString);
    }
}
