package org.accrue.cli;

import org.accrue.RuleProblem;
import org.accrue.RuleSet;
import org.accrue.RuleSetException;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code --rules DIR}, shared by every command that needs a rule set. */
final class RuleSetOption {
    @Option(names = "--rules", paramLabel = "DIR",
            description = "A folder of an institution's rule files (.drl, .dslr with their .dsl, .drl.xlsx/.drl.csv "
                    + "decision tables), searched recursively; repeat to combine folders. They are added to the "
                    + "packaged framework rules (credit, levels, grades, classifications), unless --frameworks is "
                    + "given or one of the folders is named frameworks. "
                    + "Default: the rule set packaged with Accrue (the repository's frameworks/ and rules/).")
    List<Path> folders = new ArrayList<>();

    @Option(names = "--frameworks", paramLabel = "DIR",
            description = "Replace the packaged framework rules with this folder's (repeatable): only on purpose, "
                    + "since without framework rules no credential carries credit.")
    List<Path> frameworks = new ArrayList<>();

    /** The rule set, or null after printing every problem to {@code err}. */
    RuleSet load(PrintWriter err) {
        try {
            return folders.isEmpty() && frameworks.isEmpty() ? WorkingTree.defaultRuleSet()
                    : RuleSet.load(folders, frameworks);
        } catch (RuleSetException e) {
            for (RuleProblem p : e.problems()) {
                err.println(p);
            }
            err.println("accrue: the rule set could not be loaded (" + e.problems().size() + " problem"
                    + (e.problems().size() == 1 ? "" : "s") + ")");
            err.flush();
            return null;
        }
    }

    /**
     * The usage error for the first of {@code awards} (the {@code --award} options) that the rule set does not
     * define, or null when it defines them all.
     */
    static String unknownAward(String command, RuleSet ruleSet, List<String> awards) {
        for (String a : awards) {
            if (ruleSet.awards().stream().noneMatch(x -> x.id().equals(a))) {
                return "accrue " + command + ": --award '" + a + "': unknown award; 'accrue awards' lists the "
                        + ruleSet.awards().size() + " awards of the rule set";
            }
        }
        return null;
    }
}
