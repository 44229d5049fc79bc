package org.accrue.cli;

import org.accrue.RuleSet;
import org.accrue.RuleSetException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The repository's own rule folders, when {@code ./accrue} runs from a working tree: the launcher names the tree
 * in the system property {@value #PROPERTY}, and the commands that default to the packaged rule set read
 * {@code frameworks/} and {@code rules/} there instead, as they are now. A designer's edit to a rule or a rule test
 * is seen at once, without rebuilding the jar (unchanged folders are the packaged rule set, hash for hash, and hit
 * the same compiled-rule cache entry).
 */
final class WorkingTree {
    static final String PROPERTY = "accrue.ruleset.home";

    private WorkingTree() {
    }

    /** The working tree, when the launcher named one that holds both rule folders. */
    static Optional<Path> home() {
        String home = System.getProperty(PROPERTY);
        if (home == null || home.isBlank()) {
            return Optional.empty();
        }
        Path p = Path.of(home);
        return Files.isDirectory(p.resolve("frameworks")) && Files.isDirectory(p.resolve("rules"))
                ? Optional.of(p) : Optional.empty();
    }

    /** The default rule set: the working tree's folders when there is one, else the packaged rule set. */
    static RuleSet defaultRuleSet() throws RuleSetException {
        Optional<Path> home = home();
        return home.isPresent() ? RuleSet.load(List.of(home.get().resolve("frameworks"), home.get().resolve("rules")))
                : RuleSet.loadDefault();
    }

    /** A path as a designer reads it: relative to the current folder when it is below it. */
    static String display(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
