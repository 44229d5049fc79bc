package org.accrue;

import org.accrue.evaluation.AwardDefinition;
import org.accrue.evaluation.EvaluationException;
import org.accrue.evaluation.Evaluator;
import org.accrue.learner.LearnerRecord;
import org.accrue.result.EvaluationResult;
import org.accrue.ruleset.RuleCompiler;
import org.accrue.ruleset.RuleFile;
import org.accrue.ruleset.RuleSources;
import org.accrue.vocabulary.Award;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A compiled rule set: credit frameworks and award rules. Load it once; {@link #evaluate} is thread-safe and
 * cheap, so one instance serves any number of threads.
 */
public final class RuleSet {
    private final String id;
    private final List<Award> awards;
    private final Evaluator evaluator;

    private RuleSet(List<RuleFile> files) throws RuleSetException {
        this.id = RuleSources.hash(files);
        this.evaluator = new Evaluator(RuleCompiler.compile(files), id);
        try {
            this.awards = evaluator.definitions().stream().map(AwardDefinition::award).toList();
        } catch (EvaluationException e) {
            throw new RuleSetException(e.getMessage());
        }
    }

    /** The rule set shipped with Accrue (the repository's {@code frameworks/} and {@code rules/}). */
    public static RuleSet loadDefault() throws RuleSetException {
        return new RuleSet(RuleSources.packaged());
    }

    /** The rule files ({@code .drl}) below the given folders, together as one rule set. */
    public static RuleSet load(List<Path> folders) throws RuleSetException {
        return new RuleSet(RuleSources.fromFolders(folders));
    }

    /** The content hash of the rule files, {@code sha256:<hex>}: changes whenever any rule file changes. */
    public String id() {
        return id;
    }

    /** The awards the rule set defines, by SCQF level and then id. */
    public List<Award> awards() {
        return awards;
    }

    /** Evaluates every award for one learner as of a date. */
    public EvaluationResult evaluate(LearnerRecord learner, LocalDate asOf) {
        return evaluate(learner, asOf, Set.of());
    }

    /**
     * Evaluates the named awards (all when empty) for one learner as of a date.
     *
     * @throws IllegalArgumentException naming an award the rule set does not define
     * @throws EvaluationException      when the rule set misbehaves for this learner
     */
    public EvaluationResult evaluate(LearnerRecord learner, LocalDate asOf, Collection<String> awardIds) {
        List<String> unknown = awardIds.stream().filter(a -> awards.stream().noneMatch(x -> x.id().equals(a))).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown award " + unknown.stream().map(u -> "'" + u + "'")
                    .collect(Collectors.joining(", ")) + "; the rule set defines "
                    + awards.stream().map(Award::id).collect(Collectors.joining(", ")));
        }
        return evaluator.evaluate(learner, asOf, Set.copyOf(awardIds));
    }
}
