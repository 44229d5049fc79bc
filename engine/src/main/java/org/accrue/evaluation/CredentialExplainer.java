package org.accrue.evaluation;

import org.accrue.EvaluationException;
import org.accrue.learner.Credential;
import org.accrue.result.CredentialResult;
import org.accrue.result.EquivalenceMatch;
import org.accrue.result.UnmetClassification;
import org.accrue.trust.Trust;
import org.accrue.vocabulary.Classification;
import org.accrue.vocabulary.Credit;
import org.accrue.vocabulary.CreditPoints;
import org.accrue.vocabulary.Equivalence;
import org.accrue.vocabulary.Exclusion;
import org.accrue.vocabulary.GradeJudgement;
import org.accrue.vocabulary.Note;
import org.accrue.vocabulary.ReferencedLevel;
import org.accrue.vocabulary.Unmet;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What phase 1 made of each credential, read once from the framework rules' facts: its SCQF points and level,
 * an equivalence row, why it carries no credit, its classifications and what it misses of the others. From
 * those same facts come both the credential's result (the explanation) and the {@link Credit} phase 2's award
 * rules match, so the two cannot disagree.
 */
final class CredentialExplainer {
    /** A credential's result, and its credit for phase 2 (null when it carries none). */
    record Explained(CredentialResult result, Credit credit) {
    }

    private final Facts facts;
    private final LocalDate asOf;
    private final Map<String, Trust.Standing> standing;
    private final boolean requireVerified;

    /** The catalogue items a plan adds: not yet taken, so not yet graded. */
    private final java.util.Set<String> planned;

    /** Whether the report's sentences are built (full detail): the notes, the rules, the classifications. */
    private final boolean words;

    CredentialExplainer(FactLog.View phase1, LocalDate asOf, Map<String, Trust.Standing> standing,
                        boolean requireVerified, java.util.Set<String> planned, boolean words) {
        this.planned = planned;
        this.words = words;
        this.facts = new Facts(phase1);
        this.asOf = asOf;
        this.standing = standing;
        this.requireVerified = requireVerified;
    }

    /** Phase-1 facts grouped by credential, once. */
    private static final class Facts {
        final Map<String, List<FactLog.Inserted<CreditPoints>>> points;
        final Map<String, List<FactLog.Inserted<ReferencedLevel>>> levels;
        final Map<String, List<FactLog.Inserted<Equivalence>>> equivalences;
        final Map<String, List<FactLog.Inserted<Exclusion>>> exclusions;
        final Map<String, List<FactLog.Inserted<Classification>>> classifications;
        final Map<String, List<FactLog.Inserted<Unmet>>> unmet;
        final Map<String, List<FactLog.Inserted<GradeJudgement>>> grades;
        final Map<String, List<FactLog.Inserted<Note>>> notes;
        final Map<String, List<FactLog.Inserted<org.accrue.vocabulary.GradeBand>>> bands;

        Facts(FactLog.View v) {
            points = v.byKey(CreditPoints.class, CreditPoints::credential);
            levels = v.byKey(ReferencedLevel.class, ReferencedLevel::credential);
            equivalences = v.byKey(Equivalence.class, Equivalence::credential);
            exclusions = v.byKey(Exclusion.class, Exclusion::credential);
            classifications = v.byKey(Classification.class, Classification::credential);
            unmet = v.byKey(Unmet.class, Unmet::credential);
            grades = v.byKey(GradeJudgement.class, GradeJudgement::credential);
            notes = v.byKey(Note.class, Note::credential);
            bands = v.byKey(org.accrue.vocabulary.GradeBand.class, org.accrue.vocabulary.GradeBand::credential);
        }
    }

    /**
     * One credential's result and credit.
     *
     * @throws EvaluationException when two rules give it points or a level, or two equivalence rows match it
     */
    Explained explain(Credential c) {
        String id = c.id();
        var points = facts.points.getOrDefault(id, List.of());
        var levels = facts.levels.getOrDefault(id, List.of());
        if (points.size() > 1) {
            throw new EvaluationException(points.get(0).by() + " and " + points.get(1).by()
                    + " both give credential '" + id + "' SCQF credit points");
        }
        if (levels.size() > 1) {
            throw new EvaluationException(levels.get(0).by() + " and " + levels.get(1).by()
                    + " both give credential '" + id + "' an SCQF level");
        }
        var equivalences = facts.equivalences.getOrDefault(id, List.of());
        if (equivalences.size() > 1) {
            throw new EvaluationException("equivalence rows '" + equivalences.get(0).fact().row() + "' and '"
                    + equivalences.get(1).fact().row() + "' both match credential '" + id + "'");
        }
        TreeSet<String> rules = new TreeSet<>();
        List<String> notes = new ArrayList<>();
        var point = points.isEmpty() ? null : points.get(0);
        var level = levels.isEmpty() ? null : levels.get(0);
        BigDecimal scqfPoints = point == null ? null : point.fact().scqfPoints();
        if (point != null && words) {
            notes.add(point.fact().explanation());
            addRule(rules, point.rule());
        }
        if (words) { // below full detail the credential is not explained: only what its credit needs is worked out
            if (level != null) {
                notes.add(level.fact().explanation());
                addRule(rules, level.rule());
            } else {
                notes.add(c.level() == null ? Wording.NO_LEVEL : Wording.LEVEL_NOT_REFERENCED);
            }
        }
        boolean passed = false;
        for (var g : facts.grades.getOrDefault(id, List.of())) {
            // a failed grade is also an exclusion (grades.drl); the note says how the grade was read either way
            if (words) {
                notes.add(g.fact().explanation());
                addRule(rules, g.rule());
            }
            passed |= g.fact().outcome() == org.accrue.vocabulary.GradeJudgement.Outcome.PASSED;
        }
        String band = null;
        var bands = facts.bands.getOrDefault(id, List.of());
        if (bands.size() > 1) {
            throw new EvaluationException("grade-band rows '"
                    + bands.get(0).fact().row() + "' and '" + bands.get(1).fact().row() + "' both read the grade of "
                    + "credential '" + id + "'");
        }
        if (passed && !bands.isEmpty()) {
            band = bands.get(0).fact().band();
            if (words) {
                notes.add(Wording.gradeBand(c.grade().shown(), band, bands.get(0).fact().row()));
                addRule(rules, bands.get(0).rule());
            }
        } else if (c.grade() == null && planned.contains(id)) {
            // a course not yet taken has no grade: a plan counts on passing it as well as the rules ask
            band = org.accrue.vocabulary.GradeBand.BANDS.get(0);
            if (words) {
                notes.add(Wording.PLANNED_GRADE);
            }
        }
        EquivalenceMatch equivalence = null;
        if (!equivalences.isEmpty()) {
            Equivalence e = equivalences.get(0).fact();
            equivalence = new EquivalenceMatch(e.module(), e.row(), Points.normal(e.scqfPoints()));
            if (e.scqfPoints() != null) {
                scqfPoints = e.scqfPoints();
            }
            if (words) {
                addRule(rules, equivalences.get(0).rule());
                notes.add(Wording.equivalence(e.row(), e.module(), e.scqfPoints()));
            }
        }
        TreeSet<String> excluded = new TreeSet<>();
        for (var e : facts.exclusions.getOrDefault(id, List.of())) {
            excluded.add(e.fact().reason()); // whether it carries credit, at every level
            if (words) {
                addRule(rules, e.rule());
            }
        }
        if (c.issued() != null && c.issued().isAfter(asOf)) {
            // credit is judged as of a date: a credential issued after it was not held then
            excluded.add(Wording.issuedAfter(c.issued(), asOf));
        }
        Trust.Standing trusted = standing.get(id);
        if (requireVerified && !trusted.counts()) {
            excluded.add(Wording.notVerified(trusted.verification()));
        }
        if (scqfPoints == null && trusted.unplaced() != null) {
            excluded.add(trusted.unplaced());
        }
        if (scqfPoints == null && excluded.isEmpty()) {
            excluded.add(Wording.NO_FRAMEWORK_CREDIT);
        }
        for (var n : words ? facts.notes.getOrDefault(id, List.of()) : List.<FactLog.Inserted<Note>>of()) {
            notes.add(n.fact().text());
            addRule(rules, n.rule());
        }
        TreeSet<String> classifications = new TreeSet<>();
        for (var k : words ? facts.classifications.getOrDefault(id, List.of())
                : List.<FactLog.Inserted<Classification>>of()) {
            classifications.add(k.fact().name());
            addRule(rules, k.rule());
        }
        Map<String, TreeSet<String>> unmet = new TreeMap<>();
        Map<String, TreeSet<String>> unmetCodes = new TreeMap<>();
        for (var u : words ? facts.unmet.getOrDefault(id, List.of()) : List.<FactLog.Inserted<Unmet>>of()) {
            unmet.computeIfAbsent(u.fact().classification(), k -> new TreeSet<>()).add(u.fact().criterion());
            unmetCodes.computeIfAbsent(u.fact().classification(), k -> new TreeSet<>()).add(u.fact().code());
            addRule(rules, u.rule());
        }
        boolean creditBearing = scqfPoints != null && excluded.isEmpty();
        // the Credit phase 2 matches is made from the same facts as the report, not from the report
        Credit credit = !creditBearing ? null : new Credit(c, Points.normal(scqfPoints),
                level == null ? 0 : level.fact().scqf(), level == null ? 0 : level.fact().eqf(),
                equivalence == null ? List.of() : List.of(equivalence.module()), band);
        return new Explained(new CredentialResult(id, c.title(),
                Points.normal(scqfPoints),
                level == null ? null : level.fact().scqf(),
                level == null || level.fact().eqf() == 0 ? null : level.fact().eqf(),
                creditBearing,
                equivalence,
                c.proof() == null ? null : c.proof() ? Wording.PROOF_PRESENT : Wording.PROOF_ABSENT,
                trusted.verification(),
                List.copyOf(excluded),
                List.copyOf(classifications),
                unmet.entrySet().stream().map(e -> new UnmetClassification(e.getKey(), List.copyOf(e.getValue()),
                        List.copyOf(unmetCodes.get(e.getKey())))).toList(),
                notes,
                List.copyOf(rules)), credit);
    }

    private static void addRule(TreeSet<String> rules, String rule) {
        if (rule != null) {
            rules.add(rule);
        }
    }
}
