package org.accrue;

import org.accrue.evaluation.AwardDefinition;
import org.accrue.evaluation.Evaluator;
import org.accrue.learner.LearnerRecord;
import org.accrue.learner.StaffException;
import org.accrue.result.EvaluationResult;
import org.accrue.ruleset.RuleCompiler;
import org.accrue.ruleset.RuleFile;
import org.accrue.ruleset.RuleLint;
import org.accrue.ruleset.RuleSources;
import org.accrue.ruleset.Translation;
import org.accrue.vocabulary.Award;

import org.kie.api.KieBase;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A compiled rule set: credit frameworks and award rules. Load it once; {@link #evaluate} is thread-safe and
 * cheap, so one instance serves any number of threads.
 */
public final class RuleSet {
    private final String id;
    private final List<Award> awards;
    private final List<AwardDefinition> definitions;
    private final Evaluator evaluator;
    private final Limits limits;
    private final org.accrue.trust.Trust trust;
    private final org.accrue.result.Detail detail;

    /** The rule files and their compiled module: what {@link #export()} writes. */
    private final List<RuleFile> files;
    private final byte[] module;

    private RuleSet(RuleSet of, Limits limits, org.accrue.trust.Trust trust, org.accrue.result.Detail detail) {
        this.files = of.files;
        this.module = of.module;
        this.id = of.id;
        this.awards = of.awards;
        this.definitions = of.definitions;
        this.evaluator = of.evaluator;
        this.limits = limits;
        this.trust = trust;
        this.detail = detail;
    }

    private RuleSet(List<RuleFile> files) throws RuleSetException {
        this(files, null);
    }

    /** A rule set from its files, with their compiled module when one was brought from elsewhere. */
    private RuleSet(List<RuleFile> files, byte[] imported) throws RuleSetException {
        this.limits = Limits.DEFAULT;
        this.trust = org.accrue.trust.Trust.DEFAULT;
        this.detail = org.accrue.result.Detail.FULL;
        this.files = List.copyOf(files);
        this.id = RuleSources.hash(files);
        Optional<RuleCompiler.Compiled> cached = imported != null ? Optional.of(RuleCompiler.imported(imported, files))
                : RuleCompiler.cached(id, files);
        AwardDefinition.Gathered gathered = null;
        Evaluator loaded = null;
        byte[] bytes = null;
        if (cached.isPresent()) {
            // compiled and checked on an earlier run (or in another JVM), and checked again as it was read
            loaded = evaluator(cached.get().base(), id);
            gathered = loaded.definitions();
            bytes = cached.get().module();
        }
        if (gathered == null || !gathered.problems().isEmpty()) {
            // The safe rule policy comes first: a file that breaks its structural part is not compiled, and no
            // rule of a compiled rule set runs (not even to define the awards) before its code has passed.
            Translation translation = Translation.of(files);
            if (!translation.problems().isEmpty()) {
                throw new RuleSetException(translation.problems());
            }
            RuleCompiler.Compiled compiled = RuleCompiler.compile(files, translation);
            loaded = evaluator(compiled.base(), id);
            gathered = loaded.definitions();
            List<RuleProblem> lint = RuleLint.check(gathered, translation.drls());
            if (!lint.isEmpty()) {
                throw new RuleSetException(lint);
            }
            RuleCompiler.store(id, compiled);
            bytes = compiled.module();
        }
        this.module = bytes;
        this.evaluator = loaded;
        this.definitions = gathered.awards();
        this.awards = this.definitions.stream().map(AwardDefinition::award).toList();
    }

    /** An evaluator; building one fires the rules that define the awards, which may fail. */
    private static Evaluator evaluator(KieBase base, String id) throws RuleSetException {
        try {
            return new Evaluator(base, id);
        } catch (EvaluationException e) {
            throw new RuleSetException(e.reason().limit() ? "the rules that define the awards (those with an empty "
                    + "when) did not finish: " + e.getMessage() : e.getMessage());
        }
    }

    /**
     * The folder the packaged rule set is read from (inside the engine's jar, or its classes folder), holding
     * {@code frameworks/} and {@code rules/} with its rule tests.
     */
    public static java.nio.file.Path packagedFolder() throws java.io.IOException {
        return RuleSources.packagedRoot();
    }

    /** The rule set shipped with Accrue (the repository's {@code frameworks/} and {@code rules/}). */
    public static RuleSet loadDefault() throws RuleSetException {
        return new RuleSet(RuleSources.packaged());
    }

    /**
     * The rule files below the given folders ({@code .drl}, {@code .dslr} with their {@code .dsl} vocabularies,
     * and {@code .drl.xlsx}, {@code .drl.xls} or {@code .drl.csv} decision tables), together as one rule set.
     */
    public static RuleSet load(List<Path> folders) throws RuleSetException {
        return new RuleSet(RuleSources.fromFolders(folders));
    }

    /**
     * An institution's rule folders on the framework rules (what {@code --rules} and {@code --frameworks} load):
     * the packaged {@code frameworks/} unless {@code frameworks} folders are given, or a folder named
     * {@code frameworks} is among {@code rules}. A rule set that defines awards and gives no credential credit
     * points is refused either way ({@link #load(List)} too).
     */
    public static RuleSet load(List<Path> rules, List<Path> frameworks) throws RuleSetException {
        return new RuleSet(RuleSources.onFrameworks(rules, frameworks));
    }


    /**
     * Every problem with the rule files below the folders (the packaged rule set when none are given), without
     * stopping at the first: the safe rule policy, sentences, compile errors, and award definitions. Empty
     * when the rule set loads.
     */
    public static List<RuleProblem> check(List<Path> folders) {
        try {
            if (folders.isEmpty()) {
                loadDefault();
            } else {
                load(folders);
            }
            return List.of();
        } catch (RuleSetException e) {
            return e.problems();
        }
    }

    /**
     * What the rule set names that the registry does not know ({@link KnownNames}): subject tags outside its subject
     * list and awarding bodies (in rules and equivalence rows) outside its institution list, each at its file and
     * line (a table's row), the message starting {@code warning:}. The rule set loads and runs either way; such a
     * rule never matches a record of the registry. Empty when no list is given.
     */
    public List<RuleProblem> warnings(KnownNames known) {
        if (!known.hasSubjects() && !known.hasInstitutions()) {
            return List.of();
        }
        return Translation.warnings(files, known);
    }

    /** The content hash of the rule files, {@code sha256:<hex>}: changes whenever any rule file changes. */
    public String id() {
        return id;
    }

    /** The limits each learner's evaluation runs under ({@link Limits#DEFAULT} unless set). */
    public Limits limits() {
        return limits;
    }

    /** The same rule set (compiled once, shared) evaluating under other limits. */
    public RuleSet withLimits(Limits limits) {
        return new RuleSet(this, java.util.Objects.requireNonNull(limits), trust, detail);
    }

    /**
     * What evaluations trust ({@link org.accrue.trust.Trust#DEFAULT} unless set): the trust list credentials are
     * verified against, and whether only verified credentials count (docs/trust.md).
     */
    public org.accrue.trust.Trust trust() {
        return trust;
    }

    /** The same rule set (compiled once, shared) verifying credentials against another trust list or policy. */
    public RuleSet withTrust(org.accrue.trust.Trust trust) {
        return new RuleSet(this, limits, java.util.Objects.requireNonNull(trust), detail);
    }

    /**
     * How much of each result evaluations build ({@link org.accrue.result.Detail#FULL} unless set). Below full, the
     * parts a level leaves out are not built at all: an evaluation's result then has them empty (no credentials, no
     * reasons for what did not count, no missing sentences, no rules; at {@code VERDICTS} no exceptions either), and
     * {@link org.accrue.report.JsonReport#line(EvaluationResult, org.accrue.result.Detail)} writes that level.
     * Verdicts and numbers are the same at every level.
     */
    public org.accrue.result.Detail detail() {
        return detail;
    }

    /** The same rule set (compiled once, shared) building results at another level of detail. */
    public RuleSet withDetail(org.accrue.result.Detail detail) {
        return new RuleSet(this, limits, trust, java.util.Objects.requireNonNull(detail));
    }

    /** The awards the rule set defines, by SCQF level and then id. */
    public List<Award> awards() {
        return awards;
    }

    /**
     * What in a learner record does not fit this rule set: more credentials than {@link Limits#maxCredentials()}
     * (a learner too large to evaluate), staff exceptions for awards or requirements it does not define, each at
     * its field; empty when the record can be evaluated.
     */
    public List<RecordProblem> problems(LearnerRecord learner) {
        List<RecordProblem> problems = new java.util.ArrayList<>();
        RecordProblem large = tooLarge(learner);
        if (large != null) {
            problems.add(large);
            return problems;
        }
        for (int i = 0; i < learner.exceptions().size(); i++) {
            StaffException e = learner.exceptions().get(i);
            String at = "exceptions[" + i + "]";
            AwardDefinition d = definitions.stream().filter(x -> x.award().id().equals(e.award())).findFirst()
                    .orElse(null);
            if (d == null) {
                problems.add(new RecordProblem(at + ".award", "unknown award '"
                        + org.accrue.report.Printable.echo(e.award()) + "'"));
                continue;
            }
            if (e.requirement() == null) {
                continue;
            }
            List<String> ids = new java.util.ArrayList<>(d.requirements().stream().map(r -> r.id()).toList());
            if (e.type() == StaffException.Type.WAIVE || e.type() == StaffException.Type.MODIFY) {
                if (d.total() != null) {
                    ids.add("total");
                }
                d.levels().forEach(l -> ids.add(l.id()));
                d.bodies().forEach(b -> ids.add(b.id()));
                if (d.personal() != null && e.type() == StaffException.Type.WAIVE) {
                    ids.add("theme");
                }
            }
            boolean counts = d.bodies().stream().anyMatch(b -> b.id().equals(e.requirement()))
                    || d.requirements().stream().anyMatch(r -> r.id().equals(e.requirement()) && r.minCredentials() > 0);
            if (e.type() == StaffException.Type.MODIFY && counts && e.minimum() != null
                    && e.minimum().stripTrailingZeros().scale() > 0) {
                problems.add(new RecordProblem(at + ".minimum", "requirement '" + e.requirement() + "' counts "
                        + "credentials or awarding bodies; its minimum is a whole number, not "
                        + e.minimum().toPlainString()));
            }
            if (!ids.contains(e.requirement())) {
                problems.add(new RecordProblem(at + ".requirement", "award '" + e.award() + "' has no requirement '"
                        + org.accrue.report.Printable.echo(e.requirement()) + "' to "
                        + e.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                        + (ids.isEmpty() ? "" : "; it has " + String.join(", ", ids))));
            }
        }
        return problems;
    }

    /** The learner is over {@link Limits#maxCredentials()}: too large to evaluate; null when within it. */
    private RecordProblem tooLarge(LearnerRecord learner) {
        return learner.credentials().size() <= limits.maxCredentials() ? null : new RecordProblem("credentials",
                "too large: " + learner.credentials().size() + " credentials, more than the limit of "
                        + limits.maxCredentials() + " for one learner");
    }

    /**
     * Reads, checks and evaluates one learner file (any format {@link org.accrue.reading.LearnerFiles} reads,
     * or a folder of one learner's badges) for the named awards (all when empty). Never throws for any input.
     */
    public Outcome evaluateFile(java.nio.file.Path file, LocalDate asOf, Collection<String> awardIds) {
        try {
            return evaluateRecord(org.accrue.reading.LearnerFiles.read(file), file.toString(), asOf, awardIds);
        } catch (org.accrue.reading.InvalidInputException e) {
            return Outcome.rejected(e.file(), Outcome.Reason.UNREADABLE, e.where(), e.problem());
        } catch (RuntimeException | StackOverflowError e) {
            return internal(file.toString(), e);
        }
    }

    /**
     * The same for one learner given as several files that name the same learner id (as
     * {@link org.accrue.reading.LearnerFiles#byLearner} groups them): one record of all their credentials, named
     * {@code a.yaml + b.json}. A credential id given twice, or a file naming another learner, is refused at its file.
     */
    public Outcome evaluateFiles(List<java.nio.file.Path> files, LocalDate asOf, Collection<String> awardIds) {
        if (files.size() == 1) {
            return evaluateFile(files.get(0), asOf, awardIds);
        }
        String source = org.accrue.reading.LearnerFiles.sourceOf(files);
        try {
            return evaluateRecord(org.accrue.reading.LearnerFiles.read(files), source, asOf, awardIds);
        } catch (org.accrue.reading.InvalidInputException e) {
            return Outcome.rejected(e.file(), Outcome.Reason.UNREADABLE, e.where(), e.problem());
        } catch (RuntimeException | StackOverflowError e) {
            return internal(source, e);
        }
    }

    /** The same for a learner record's text (a JSON Lines record, an upload), named {@code source}. */
    public Outcome evaluateText(String text, String source, boolean json, LocalDate asOf, Collection<String> awardIds) {
        try {
            return evaluateRecord(org.accrue.reading.LearnerFiles.parseAny(text, source, json), source, asOf,
                    awardIds);
        } catch (org.accrue.reading.InvalidInputException e) {
            return Outcome.rejected(e.file(), Outcome.Reason.UNREADABLE, e.where(), e.problem());
        } catch (RuntimeException | StackOverflowError e) {
            return internal(source, e);
        }
    }

    /** The same for a record already read: checked against the rule set, then evaluated. */
    public Outcome evaluateRecord(LearnerRecord record, String source, LocalDate asOf, Collection<String> awardIds) {
        try {
            RecordProblem large = tooLarge(record);
            if (large != null) {
                return Outcome.rejected(source, Outcome.Reason.TOO_LARGE, large.where(), large.problem());
            }
            List<RecordProblem> problems = problems(record);
            if (!problems.isEmpty()) {
                RecordProblem p = problems.get(0);
                return Outcome.rejected(source, Outcome.Reason.DOES_NOT_FIT, p.where(), p.problem());
            }
            return new Outcome.Evaluated(source, evaluate(record, asOf, awardIds));
        } catch (EvaluationException e) {
            Outcome.Reason reason = Outcome.Reason.valueOf(e.reason().name());
            return Outcome.rejected(source, reason, null, reason == Outcome.Reason.RULE_FAILED
                    ? "rule set error: " + e.getMessage() : "not evaluated (" + reason.code() + "): " + e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            return internal(source, e);
        }
    }

    private static Outcome internal(String source, Throwable e) {
        return Outcome.rejected(source, Outcome.Reason.INTERNAL, null, "internal error in Accrue ("
                + e.getClass().getName() + "); please report it with this record");
    }

    /** Evaluates every award for one learner as of a date. */
    public EvaluationResult evaluate(LearnerRecord learner, LocalDate asOf) {
        return evaluate(learner, asOf, Set.of());
    }

    /**
     * Evaluates the named awards (all when empty) for one learner as of a date.
     *
     * @throws IllegalArgumentException naming an award the rule set does not define, or the first of
     *                                  {@link #problems(LearnerRecord)}
     * @throws EvaluationException      when the rule set misbehaves for this learner, or the evaluation goes
     *                                  over a limit ({@link #limits()}); {@link EvaluationException#reason()} says which
     */
    public EvaluationResult evaluate(LearnerRecord learner, LocalDate asOf, Collection<String> awardIds) {
        requireFits(learner, awardIds);
        return evaluator.evaluate(learner, asOf, Set.copyOf(awardIds), limits, trust, detail);
    }

    /**
     * @throws IllegalArgumentException naming an award the rule set does not define, or the first of
     *                                  {@link #problems(LearnerRecord)}
     */
    private void requireFits(LearnerRecord learner, Collection<String> awardIds) {
        List<String> unknown = awardIds.stream().filter(a -> awards.stream().noneMatch(x -> x.id().equals(a))).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown award " + unknown.stream()
                    .map(u -> "'" + org.accrue.report.Printable.echo(u) + "'")
                    .collect(Collectors.joining(", ")) + "; the rule set defines "
                    + awards.stream().map(Award::id).collect(Collectors.joining(", ")));
        }
        List<RecordProblem> problems = problems(learner);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException((learner.source() == null ? "" : learner.source() + ": ")
                    + problems.get(0));
        }
    }

    /**
     * The least costly set of catalogue items that makes the learner eligible for an award (docs/planning.md):
     * exact, under this rule set and the same allocation semantics as {@link #evaluate}.
     *
     * @throws IllegalArgumentException naming an unknown award, a record that does not fit the rule set, or a
     *                                  figure the objective needs that an item does not state
     * @throws EvaluationException      when the rule set misbehaves or a limit is reached
     */
    public org.accrue.planning.PlanResult plan(LearnerRecord learner, org.accrue.planning.Catalogue catalogue,
                                               org.accrue.planning.PlanRequest request) {
        return plan(learner, catalogue, List.of(request)).get(0);
    }

    /** Plans for several awards at once (one request each, sharing the date, objective and budget). */
    public List<org.accrue.planning.PlanResult> plan(LearnerRecord learner, org.accrue.planning.Catalogue catalogue,
                                                     List<org.accrue.planning.PlanRequest> requests) {
        for (org.accrue.planning.PlanRequest r : requests) {
            if (!r.asOf().equals(requests.get(0).asOf()) || r.objective() != requests.get(0).objective()
                    || !java.util.Objects.equals(r.budget(), requests.get(0).budget())) {
                throw new IllegalArgumentException("plans made together share their date, objective and budget");
            }
        }
        requireFits(learner, requests.stream().map(org.accrue.planning.PlanRequest::award).toList());
        return new org.accrue.completion.Planner(evaluator, id, limits, trust,
                (record, award) -> evaluator.evaluate(record, requests.get(0).asOf(), Set.of(award),
                        limits.withMaxCredentials(Math.max(limits.maxCredentials(), record.credentials().size())),
                        trust))
                .plan(learner, catalogue, requests);
    }

    /**
     * The rule set compiled, with its rule files, as bytes another JVM can load with {@link #imported(byte[])}
     * without compiling (a Spark executor, say): the same rule set, the same id. The bytes are checked there as the
     * compiled-rule cache's entries are: the module must have the SHA-256 recorded with it (against corruption on
     * the way, not forgery: the bytes are as trusted as the rule files), the files must hash to the id, the module
     * must embed exactly them, and its code must pass the safe rule policy.
     */
    public byte[] export() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeUTF(EXPORT_MAGIC);
            out.writeUTF(id);
            out.writeInt(files.size());
            for (RuleFile f : files) {
                out.writeUTF(f.name());
                out.writeUTF(f.display());
                out.writeInt(f.content().length);
                out.write(f.content());
            }
            out.writeUTF(org.accrue.io.Sha256.hex(module));
            out.writeInt(module.length);
            out.write(module);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static final String EXPORT_MAGIC = "accrue-ruleset-1";

    /**
     * A rule set {@link #export() exported} by this same build of the engine.
     *
     * @throws RuleSetException when the bytes are not an exported rule set, or do not check
     */
    public static RuleSet imported(byte[] exported) throws RuleSetException {
        String id;
        List<RuleFile> files = new java.util.ArrayList<>();
        byte[] module;
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(exported))) {
            if (!EXPORT_MAGIC.equals(in.readUTF())) {
                throw new RuleSetException("not an exported Accrue rule set");
            }
            id = in.readUTF();
            int n = in.readInt();
            if (n < 0 || n > 100_000) {
                throw new RuleSetException("not an exported Accrue rule set");
            }
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                String display = in.readUTF();
                files.add(new RuleFile(name, display, in.readNBytes(in.readInt())));
            }
            String sha = in.readUTF();
            module = in.readNBytes(in.readInt());
            if (!org.accrue.io.Sha256.hex(module).equals(sha)) {
                throw new RuleSetException("the exported rule set's compiled module is not the one exported (its "
                        + "SHA-256 differs)");
            }
        } catch (java.io.IOException | RuntimeException e) {
            throw new RuleSetException("not an exported Accrue rule set (" + e.getClass().getSimpleName() + ")");
        }
        if (!RuleSources.hash(files).equals(id)) {
            throw new RuleSetException("the exported rule set's files do not hash to its id " + id);
        }
        return new RuleSet(files, module);
    }
}
