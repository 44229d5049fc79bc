package org.accrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Rule sets for tests: copies of the shipped rule files, with a rule file added or changed. */
public final class TestRuleSets {
    public static final Path REPO = Path.of(System.getProperty("accrue.repo", ".."));

    /** The package and import every added rule file starts with. */
    public static final String HEADER = """
            package accrue.test;
            import org.accrue.vocabulary.*;
            """;

    private TestRuleSets() {
    }

    /** A copy of the shipped frameworks and rules in {@code dir}, to change in a test. */
    public static Path copyOfShippedRules(Path dir) throws IOException {
        for (String folder : List.of("frameworks", "rules")) {
            Path from = REPO.resolve(folder);
            try (Stream<Path> files = Files.walk(from)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Path to = dir.resolve(folder).resolve(from.relativize(f).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(f, to);
                }
            }
        }
        return dir;
    }

    /** A copy of the shipped rules with one more rule file, {@link #HEADER} first. */
    public static void withRuleFile(Path dir, String name, String body) throws IOException {
        copyOfShippedRules(dir);
        Files.writeString(dir.resolve(name), HEADER + body);
    }

    /** The rule set of {@code dir/frameworks} and {@code dir/rules}. */
    public static RuleSet load(Path dir) throws RuleSetException {
        return RuleSet.load(List.of(dir.resolve("frameworks"), dir.resolve("rules")));
    }
}
