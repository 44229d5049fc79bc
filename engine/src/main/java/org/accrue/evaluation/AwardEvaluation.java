package org.accrue.evaluation;

import org.accrue.allocation.Allocator;
import org.accrue.learner.StaffException;
import org.accrue.result.AppliedException;
import org.accrue.result.AwardResult;
import org.accrue.result.Counted;
import org.accrue.result.CredentialResult;
import org.accrue.result.NotCounted;
import org.accrue.result.RequirementResult;
import org.accrue.vocabulary.Credit;
import org.accrue.vocabulary.CreditAtLevel;
import org.accrue.vocabulary.CreditCap;
import org.accrue.vocabulary.MayCount;
import org.accrue.vocabulary.Requirement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * One award for one learner: which credit may count, the staff exceptions, the allocation search, and the
 * result with its explanation, all from the same data.
 */
public final class AwardEvaluation {
    private static final List<Integer> GENERAL_ONLY = List.of(Allocator.GENERAL);

    /** What an award's results say that does not depend on the learner, worked out once per rule set. */
    static final class Prepared {
        final AwardDefinition definition;
        final String[] requirementDescription;
        final String[] requirementOf;
        final String totalDescription;
        final String[] levelDescription;
        final String[] levelAt;
        final String[] capId;
        final String[] capDescription;
        final String[] bodiesDescription;
        final Wording.Terms terms;
        /** Whether a requirement counts credentials (distinct modules): only then is each credit's module needed. */
        final boolean countsModules;

        Prepared(AwardDefinition d) {
            this.definition = d;
            this.countsModules = d.requirements().stream().anyMatch(r -> r.minCredentials() > 0);
            Wording.Terms t = Wording.Terms.of(d.award().terms());
            this.terms = t;
            List<Requirement> named = d.requirements();
            requirementDescription = new String[named.size()];
            requirementOf = new String[named.size()];
            for (int i = 0; i < named.size(); i++) {
                Requirement r = named.get(i);
                String of = Wording.requirementOf(r.id(), r.description());
                requirementOf[i] = of;
                requirementDescription[i] = r.module() != null ? Wording.requirementByModule(r.module())
                        : r.minCredentials() > 0 ? Wording.requirementByCredentials(r.minCredentials(), of)
                        : Wording.requirementByPoints(t, r.minPoints(), of);
            }
            totalDescription = d.total() == null ? null
                    : Wording.total(t, d.total().minPoints());
            levelDescription = new String[d.levels().size()];
            levelAt = new String[d.levels().size()];
            for (int l = 0; l < levelAt.length; l++) {
                CreditAtLevel c = d.levels().get(l);
                levelAt[l] = Wording.atLevel(t, c.scqfLevel());
                levelDescription[l] = Wording.level(t, c.minPoints(), c.scqfLevel());
            }
            bodiesDescription = new String[d.bodies().size()];
            for (int b = 0; b < bodiesDescription.length; b++) {
                bodiesDescription[b] = Wording.bodies(d.bodies().get(b).count(), d.bodies().get(b).requirement());
            }
            capId = new String[d.caps().size()];
            capDescription = new String[d.caps().size()];
            for (int k = 0; k < capId.length; k++) {
                capId[k] = d.caps().get(k).id();
                capDescription[k] = Wording.cap(t, d.caps().get(k));
            }
        }
    }

    private final Prepared prepared;
    private final AwardDefinition definition;
    private final LocalDate asOf;
    private final List<Credit> credits;
    private final Map<String, CredentialResult> credentials;
    /** This award's MayCount facts, by credential. */
    private final Map<String, List<FactLog.Inserted<MayCount>>> mayCount;
    private final List<StaffException> exceptions;
    private final Allocator.Budget budget;
    /** The learner's claim for this award, when it is personal and they declared one; else null. */
    private final org.accrue.learner.Claim claim;
    /** Credentials whose credit an award already conferred used, which this award does not share, by id. */
    private final Map<String, org.accrue.learner.ConferredAward> usedElsewhere;

    AwardEvaluation(Prepared prepared, LocalDate asOf, List<Credit> credits,
                    Map<String, CredentialResult> credentials,
                    Map<String, List<FactLog.Inserted<MayCount>>> mayCount, List<StaffException> exceptions,
                    Allocator.Budget budget, List<org.accrue.learner.ConferredAward> conferred,
                    List<org.accrue.learner.Claim> claims, org.accrue.result.Detail detail) {
        this.detail = detail;
        this.words = detail == org.accrue.result.Detail.FULL;
        this.budget = budget;
        org.accrue.learner.Claim found = null;
        for (org.accrue.learner.Claim c : claims) {
            if (c.award().equals(prepared.definition.award().id())) {
                found = c;
            }
        }
        this.claim = found;
        // credit is used once: what another conferred award used, and this award does not share, is not a candidate
        Map<String, org.accrue.learner.ConferredAward> used = new HashMap<>();
        for (org.accrue.learner.ConferredAward c : conferred) {
            if (!c.award().equals(prepared.definition.award().id())
                    && !prepared.definition.sharesWith().contains(c.award())) {
                c.credentials().forEach(id -> used.putIfAbsent(id, c));
            }
        }
        this.usedElsewhere = used;
        this.prepared = prepared;
        this.definition = prepared.definition;
        this.asOf = asOf;
        this.credits = credits;
        this.credentials = credentials;
        this.mayCount = mayCount;
        String award = definition.award().id();
        List<StaffException> mine = exceptions.isEmpty() ? List.of() : new ArrayList<>();
        for (StaffException e : exceptions) {
            if (e.award().equals(award)) {
                mine.add(e);
            }
        }
        this.exceptions = mine;
    }

    /** How much of the result to build; {@code words} when the sentences are built (full detail). */
    private final org.accrue.result.Detail detail;
    private final boolean words;

    /**
     * Notes a credential that did not count, with its reason in words; below full detail ({@code notCounted} null)
     * the reason is neither built nor kept.
     */
    private static void didNotCount(List<NotCounted> notCounted, java.util.function.Supplier<NotCounted> why) {
        if (notCounted != null) {
            notCounted.add(why.get());
        }
    }

    /** The credit that may count, each as a candidate of the allocation search, and what that needed to know. */
    private record Candidates(List<Allocator.Candidate> list, Map<String, Credit> byId,
                              Map<String, List<Integer>> ruleOptions, Set<String> tooOld, Set<String> expired) {
    }

    /** What the chosen allocation counted: toward each named requirement, in all, at each level, under each cap. */
    private record Tally(List<Counted> counted, BigDecimal[] requirementHave, int[] requirementCount,
                         BigDecimal total, BigDecimal[] levelHave, BigDecimal[] capHave, int[] bodyHave) {
    }

    /**
     * The award's result, in named steps: the credit that may count (candidates), the allocation problem and
     * its search, the tally of what counted, each requirement's result, and what each staff exception did.
     */
    AwardResult result() {
        Set<String> waived = ids(StaffException.Type.WAIVE, StaffException::requirement);
        Map<String, BigDecimal> modified = modified();
        // below full detail, the sentences are not built: no reasons for what did not count, nothing missing in words
        List<NotCounted> notCounted = words ? new ArrayList<>() : null;
        Candidates candidates = candidates(notCounted);
        Allocator.Allocation allocation = Allocator.solve(problem(candidates, waived, modified), budget);
        Tally tally = tally(candidates, allocation, notCounted);
        List<String> missing = words ? new ArrayList<>() : null;
        List<RequirementResult> requirements = requirementResults(tally, waived, modified, missing);
        boolean byAllocation = requirements.stream().allMatch(RequirementResult::met);
        if (definition.personal() != null) {
            requirements.add(theme(tally, candidates, waived, missing));
        }
        boolean eligible = requirements.stream().allMatch(RequirementResult::met);
        if (byAllocation != allocation.meetsAll()) {
            throw new IllegalStateException("allocation and requirement results disagree for " + definition.award().id());
        }
        if (!allocation.least() && missing != null) {
            missing.add(Wording.SEARCH_STOPPED);
        }
        List<AppliedException> applied = new ArrayList<>();
        for (StaffException e : detail == org.accrue.result.Detail.VERDICTS ? List.<StaffException>of() : exceptions) {
            applied.add(applied(e, requirements, tally.counted(), candidates, definition.requirements()));
        }
        if (notCounted != null) {
            notCounted.sort(Comparator.comparing(NotCounted::credential));
        }
        return new AwardResult(definition.award().id(), definition.award().title(), definition.award().scqfLevel(),
                eligible, Points.normal(tally.total()), requirements, tally.counted(),
                notCounted == null ? List.of() : notCounted, missing == null ? List.of() : missing, applied,
                words ? rules() : List.of());
    }

    /**
     * One award's allocation problem for one learner, before the search: the candidates (in id order) and every
     * minimum and cap.
     */
    public record Problem(AwardDefinition definition, Allocator.Problem allocation) {
    }

    /** Steps 1 and 2 alone: the problem the search would be given. */
    Problem problem() {
        Set<String> waived = ids(StaffException.Type.WAIVE, StaffException::requirement);
        return new Problem(definition, problem(candidates(new ArrayList<>()), waived, modified()));
    }

    /**
     * Step 1: each credit that may count toward this award, with the requirements it may fill and the caps it
     * falls under; what may not count (no credit at all, too old, no rule for it) goes to {@code notCounted} with
     * its reason.
     */
    private Candidates candidates(List<NotCounted> notCounted) {
        Set<String> liftTime = ids(StaffException.Type::liftsTime, StaffException::credential);
        Set<String> liftCaps = ids(StaffException.Type::liftsCaps, StaffException::credential);
        for (CredentialResult c : credentials.values()) {
            if (!c.creditBearing()) {
                didNotCount(notCounted, () -> new NotCounted(c.id(), NotCounted.Reason.NO_CREDIT,
                        Wording.noCredit(c.excluded())));
            }
        }
        List<Requirement> named = definition.requirements();
        List<Allocator.Candidate> list = new ArrayList<>();
        Map<String, Credit> byId = new HashMap<>();
        Map<String, List<Integer>> ruleOptions = new HashMap<>();
        Set<String> tooOld = new LinkedHashSet<>();
        Set<String> expired = new LinkedHashSet<>();
        LocalDate earliest = definition.recency() == null ? null : definition.recency().earliest(asOf);
        for (Credit credit : credits) { // already in id order
            byId.put(credit.id(), credit);
            org.accrue.learner.ConferredAward usedFor = usedElsewhere.get(credit.id());
            if (usedFor != null) {
                didNotCount(notCounted, () -> new NotCounted(credit.id(), NotCounted.Reason.ALREADY_USED,
                        Wording.alreadyUsed(usedFor.award(), usedFor.date())));
                continue;
            }
            if (definition.personal() != null && (claim == null || !claim.credentials().contains(credit.id()))) {
                didNotCount(notCounted, () -> new NotCounted(credit.id(), NotCounted.Reason.NOT_CLAIMED,
                        Wording.notClaimed(claim != null)));
                continue;
            }
            if (earliest != null && (credit.issued() == null || credit.issued().isBefore(earliest))) {
                tooOld.add(credit.id());
                if (!liftTime.contains(credit.id())) {
                    didNotCount(notCounted, () -> new NotCounted(credit.id(), credit.issued() == null
                            ? NotCounted.Reason.NO_ISSUE_DATE : NotCounted.Reason.TOO_OLD, credit.issued() == null
                            ? Wording.noIssueDate(earliest)
                            : Wording.tooOld(credit.issued(), earliest, definition.recency().years())));
                    continue;
                }
            }
            LocalDate validUntil = credit.credential().validUntil();
            if (definition.whileValid() && validUntil != null && validUntil.isBefore(asOf)) {
                expired.add(credit.id());
                if (!liftTime.contains(credit.id())) {
                    didNotCount(notCounted, () -> new NotCounted(credit.id(), NotCounted.Reason.EXPIRED,
                            Wording.expired(validUntil, asOf)));
                    continue;
                }
            }
            List<Integer> byRules = options(credit, named, false);
            ruleOptions.put(credit.id(), byRules);
            List<Integer> options = exceptions.isEmpty() ? byRules : options(credit, named, true);
            if (options.isEmpty()) {
                didNotCount(notCounted, () -> new NotCounted(credit.id(), NotCounted.Reason.NO_RULE,
                        Wording.noRule(credit.scqfLevel())));
                continue;
            }
            List<Integer> caps = List.of();
            for (int i = 0; i < definition.caps().size(); i++) {
                if (!liftCaps.contains(credit.id()) && definition.caps().get(i).applies(credit)) {
                    if (caps.isEmpty()) {
                        caps = new ArrayList<>();
                    }
                    caps.add(i);
                }
            }
            list.add(new Allocator.Candidate(credit.id(), credit.points(), credit.scqfLevel(), options, caps,
                    prepared.countsModules ? module(credit) : null,
                    definition.bodies().isEmpty() ? List.of() : credit.credential().bodyKeys()));
        }
        return new Candidates(list, byId, ruleOptions, tooOld, expired);
    }

    /**
     * Step 2: the allocation problem: every minimum (zero where waived, the new one where modified), every cap, and
     * the candidates.
     */
    private Allocator.Problem problem(Candidates candidates, Set<String> waived, Map<String, BigDecimal> modified) {
        List<Requirement> named = definition.requirements();
        List<BigDecimal> needs = new ArrayList<>(named.size());
        List<Integer> countNeeds = new ArrayList<>(named.size());
        for (Requirement r : named) {
            boolean w = waived.contains(r.id());
            BigDecimal m = modified.get(r.id());
            boolean byCount = r.minCredentials() > 0;
            needs.add(w ? BigDecimal.ZERO : m != null && !byCount ? m : r.minPoints());
            countNeeds.add(w ? 0 : m != null && byCount ? m.intValue() : r.minCredentials());
        }
        List<Allocator.LevelNeed> levelNeeds = new ArrayList<>(definition.levels().size());
        for (CreditAtLevel l : definition.levels()) {
            levelNeeds.add(new Allocator.LevelNeed(l.scqfLevel(), waived.contains(l.id()) ? BigDecimal.ZERO
                    : modified.getOrDefault(l.id(), l.minPoints())));
        }
        List<BigDecimal> capMaxima = new ArrayList<>(definition.caps().size());
        for (CreditCap k : definition.caps()) {
            capMaxima.add(k.maxPoints());
        }
        return new Allocator.Problem(needs, countNeeds,
                definition.total() == null || waived.contains("total") ? null
                        : modified.getOrDefault("total", definition.total().minPoints()),
                levelNeeds, capMaxima, candidates.list(), bodyNeeds(waived, modified));
    }

    /** The needs of different awarding bodies, as the search takes them (none where waived). */
    private List<Allocator.BodyNeed> bodyNeeds(Set<String> waived, Map<String, BigDecimal> modified) {
        if (definition.bodies().isEmpty()) {
            return List.of();
        }
        List<Allocator.BodyNeed> out = new ArrayList<>();
        for (var b : definition.bodies()) {
            int r = b.requirement() == null ? Allocator.GENERAL : requirementIndex(definition.requirements(),
                    b.requirement());
            out.add(new Allocator.BodyNeed(r, waived.contains(b.id()) ? 0
                    : modified.getOrDefault(b.id(), BigDecimal.valueOf(b.count())).intValue()));
        }
        return out;
    }

    /**
     * The module a credential is, for requirements that count modules: its course code at its awarding body (the
     * same course recorded twice is one module), or null for a credential with no code, which is its own.
     */
    private static String module(Credit credit) {
        String code = credit.code();
        return code == null ? null : code.strip().toLowerCase(java.util.Locale.ROOT) + "@"
                + String.valueOf(credit.awardingBody()).strip().toLowerCase(java.util.Locale.ROOT);
    }


    /** Step 3: what the allocation counted, and toward what; a candidate it left out was kept out by a cap. */
    private Tally tally(Candidates candidates, Allocator.Allocation allocation, List<NotCounted> notCounted) {
        List<Requirement> named = definition.requirements();
        List<Counted> counted = new ArrayList<>();
        BigDecimal[] have = zeros(named.size());
        int[] count = new int[named.size()];
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal[] levelHave = zeros(definition.levels().size());
        BigDecimal[] capHave = zeros(definition.caps().size());
        List<Set<String>> modules = new ArrayList<>(named.size());
        for (int i = 0; i < named.size(); i++) {
            modules.add(new java.util.HashSet<>());
        }
        List<Set<String>> bodiesSeen = new ArrayList<>(definition.bodies().size());
        for (int b = 0; b < definition.bodies().size(); b++) {
            bodiesSeen.add(new java.util.HashSet<>());
        }
        List<Allocator.Candidate> leftOut = List.of();
        for (Allocator.Candidate c : candidates.list()) {
            Integer to = allocation.assignment().get(c.id());
            if (to == null) {
                if (leftOut.isEmpty()) {
                    leftOut = new ArrayList<>();
                }
                leftOut.add(c);
                continue;
            }
            counted.add(new Counted(c.id(), to == Allocator.GENERAL ? Counted.GENERAL : named.get(to).id(),
                    Points.normal(c.points()), c.scqfLevel()));
            total = total.add(c.points());
            if (to >= 0) {
                have[to] = have[to].add(c.points());
                if (c.group() == null || modules.get(to).add(c.group())) {
                    count[to]++; // distinct modules: the same course recorded twice counts once
                }
            }
            for (int b = 0; b < bodiesSeen.size(); b++) {
                String r = definition.bodies().get(b).requirement();
                if (r == null || to >= 0 && named.get(to).id().equals(r)) {
                    bodiesSeen.get(b).addAll(c.bodies());
                }
            }
            for (int l = 0; l < levelHave.length; l++) {
                if (candidates.byId().get(c.id()).atLevel(definition.levels().get(l).scqfLevel())) {
                    levelHave[l] = levelHave[l].add(c.points());
                }
            }
            for (int k : c.caps()) {
                capHave[k] = capHave[k].add(c.points());
            }
        }
        for (Allocator.Candidate c : notCounted == null ? List.<Allocator.Candidate>of() : leftOut) {
            // what counting the whole credential would do to each cap it falls under, with what is counted
            List<String> over = new ArrayList<>();
            for (int k : c.caps()) {
                CreditCap cap = definition.caps().get(k);
                BigDecimal would = capHave[k].add(c.points());
                if (would.compareTo(cap.maxPoints()) > 0) {
                    over.add(Wording.overCap(prepared.terms, c.id(), c.points(), cap, would));
                }
            }
            notCounted.add(new NotCounted(c.id(), NotCounted.Reason.CAP_REACHED, over.isEmpty()
                    ? Wording.capReached(c.caps().stream().map(k -> prepared.capDescription[k]).toList())
                    : String.join("; ", over)));
        }
        int[] bodyHave = new int[bodiesSeen.size()];
        for (int b = 0; b < bodyHave.length; b++) {
            bodyHave[b] = bodiesSeen.get(b).size();
        }
        return new Tally(counted, have, count, total, levelHave, capHave, bodyHave);
    }

    /** Step 4: each requirement's have against need (or max), and in words what is missing. */
    private List<RequirementResult> requirementResults(Tally tally, Set<String> waived, Map<String, BigDecimal> modified,
                                                       List<String> missing) {
        List<Requirement> named = definition.requirements();
        // a shortfall cannot come by a route whose cap is full, nor more of it than the cap has room for
        java.util.function.Function<BigDecimal, String> routes = more -> {
            List<String> notes = new ArrayList<>();
            for (int k = 0; k < tally.capHave().length; k++) {
                CreditCap cap = definition.caps().get(k);
                BigDecimal room = cap.maxPoints().subtract(tally.capHave()[k]);
                if (room.compareTo(more) < 0) {
                    notes.add(Wording.capRoom(prepared.terms, cap, room));
                }
            }
            return notes.isEmpty() ? null : String.join(", ", notes);
        };
        List<RequirementResult> requirements = new ArrayList<>();
        for (int i = 0; i < named.size(); i++) {
            Requirement r = named.get(i);
            String of = prepared.requirementOf[i];
            boolean w = waived.contains(r.id());
            if (r.minCredentials() > 0) {
                requirements.add(minimum(r.id(), RequirementResult.Kind.CREDENTIALS, prepared.requirementDescription[i],
                        BigDecimal.valueOf(tally.requirementCount()[i]),
                        modified.getOrDefault(r.id(), BigDecimal.valueOf(r.minCredentials())), w,
                        missing, more -> Wording.moreCredentials(r.id(), more, of)));
            } else {
                requirements.add(minimum(r.id(), RequirementResult.Kind.REQUIREMENT, prepared.requirementDescription[i],
                        tally.requirementHave()[i], modified.getOrDefault(r.id(), r.minPoints()), w, missing,
                        more -> Wording.morePoints(prepared.terms, r.id(), more, of), routes));
            }
        }
        if (definition.total() != null) {
            requirements.add(minimum("total", RequirementResult.Kind.TOTAL, prepared.totalDescription, tally.total(),
                    modified.getOrDefault("total", definition.total().minPoints()), waived.contains("total"), missing,
                    more -> Wording.moreInAll(prepared.terms, more), routes));
        }
        for (int l = 0; l < tally.levelHave().length; l++) {
            CreditAtLevel c = definition.levels().get(l);
            String at = prepared.levelAt[l];
            requirements.add(minimum(c.id(), RequirementResult.Kind.LEVEL, prepared.levelDescription[l],
                    tally.levelHave()[l], modified.getOrDefault(c.id(), c.minPoints()), waived.contains(c.id()), missing,
                    more -> Wording.moreAtLevel(prepared.terms, more, at), routes));
        }
        for (int b = 0; b < tally.bodyHave().length; b++) {
            var need = definition.bodies().get(b);
            requirements.add(minimum(need.id(), RequirementResult.Kind.BODIES, prepared.bodiesDescription[b],
                    BigDecimal.valueOf(tally.bodyHave()[b]),
                    modified.getOrDefault(need.id(), BigDecimal.valueOf(need.count())),
                    waived.contains(need.id()), missing, more -> Wording.moreBodies(more, need.requirement())));
        }
        for (int k = 0; k < tally.capHave().length; k++) {
            CreditCap cap = definition.caps().get(k);
            requirements.add(new RequirementResult(prepared.capId[k], RequirementResult.Kind.CAP,
                    prepared.capDescription[k], tally.capHave()[k].compareTo(cap.maxPoints()) <= 0,
                    Points.normal(tally.capHave()[k]), null, Points.normal(cap.maxPoints()), false));
        }
        return requirements;
    }

    /** The rules that defined the award, then those that let credit count toward it, in firing order. */
    private List<String> rules() {
        List<String> rules = definition.rules();
        if (mayCount.isEmpty()) {
            return rules;
        }
        Set<String> fired = new LinkedHashSet<>(rules);
        for (var list : mayCount.values()) {
            for (var m : list) {
                if (m.rule() != null) {
                    fired.add(m.rule());
                }
            }
        }
        return List.copyOf(fired);
    }

    /** What an exception did, and whether the result depends on it. */
    private AppliedException applied(StaffException e, List<RequirementResult> requirements, List<Counted> counted,
                                     Candidates candidates, List<Requirement> named) {
        Map<String, Credit> byId = candidates.byId();
        Counted c = e.credential() == null ? null
                : counted.stream().filter(x -> x.credential().equals(e.credential())).findFirst().orElse(null);
        boolean used;
        String effect;
        switch (e.type()) {
            case WAIVE -> {
                RequirementResult r = requirements.stream().filter(x -> x.id().equals(e.requirement())).findFirst()
                        .orElseThrow();
                used = r.have().compareTo(r.need()) < 0;
                effect = Wording.waived(e.requirement(), used, r.have(), r.need());
            }
            case MODIFY -> {
                RequirementResult r = requirements.stream().filter(x -> x.id().equals(e.requirement())).findFirst()
                        .orElseThrow();
                BigDecimal before = ruleMinimum(e.requirement());
                used = r.have().compareTo(before) < 0;
                effect = Wording.modified(e.requirement(), before, e.minimum(), r.have(), used);
            }
            case SUBSTITUTE -> {
                int index = requirementIndex(named, e.requirement());
                boolean byRules = candidates.ruleOptions().getOrDefault(e.credential(), List.of()).contains(index);
                used = c != null && c.requirement().equals(e.requirement()) && !byRules;
                effect = Wording.substituted(e.credential(), e.requirement(), byId.containsKey(e.credential()), used);
            }
            default -> {
                boolean capped = e.type().liftsCaps() && byId.containsKey(e.credential())
                        && definition.caps().stream().anyMatch(k -> k.applies(byId.get(e.credential())));
                boolean old = e.type().liftsTime() && candidates.tooOld().contains(e.credential());
                boolean expired = e.type().liftsTime() && candidates.expired().contains(e.credential());
                used = c != null && (old || expired || capped);
                effect = Wording.allowed(e.type(), e.credential(), byId.containsKey(e.credential()), old, expired,
                        capped, c != null);
            }
        }
        return new AppliedException(e.type(), e.requirement(), e.credential(), e.authorisedBy(), e.date(), e.reason(),
                used, effect, e.proposedBy(), e.minimum());
    }

    /**
     * The requirement options of one credit: named requirements in definition order, general credit last;
     * with {@code substitutes}, also the requirements a staff exception substitutes it for.
     */
    private List<Integer> options(Credit credit, List<Requirement> requirements, boolean substitutes) {
        String credential = credit.id();
        boolean general = definition.generalCredit();
        boolean[] named = null;
        if (!credit.modules().isEmpty()) {
            for (int i = 0; i < requirements.size(); i++) {
                if (requirements.get(i).module() != null && credit.modules().contains(requirements.get(i).module())) {
                    named = named == null ? new boolean[requirements.size()] : named;
                    named[i] = true; // the equivalence row maps it to the module the requirement names
                }
            }
        }
        for (var m : mayCount.getOrDefault(credential, List.of())) {
            String r = m.fact().requirement();
            if (r == null) {
                general = true;
            } else {
                int i = requirementIndex(requirements, r);
                if (i >= 0) {
                    named = named == null ? new boolean[requirements.size()] : named;
                    named[i] = true;
                }
            }
        }
        for (StaffException e : substitutes ? exceptions : List.<StaffException>of()) {
            if (e.type() == StaffException.Type.SUBSTITUTE && e.credential().equals(credential)) {
                int i = requirementIndex(requirements, e.requirement());
                if (i >= 0) {
                    named = named == null ? new boolean[requirements.size()] : named;
                    named[i] = true;
                }
            }
        }
        if (named == null) {
            return general ? GENERAL_ONLY : List.of();
        }
        List<Integer> options = new ArrayList<>();
        for (int i = 0; i < named.length; i++) {
            if (named[i]) {
                options.add(i);
            }
        }
        if (general) {
            options.add(Allocator.GENERAL);
        }
        return options;
    }

    private Set<String> ids(StaffException.Type type, java.util.function.Function<StaffException, String> id) {
        return ids(t -> t == type, id);
    }

    private Set<String> ids(java.util.function.Predicate<StaffException.Type> type,
                            java.util.function.Function<StaffException, String> id) {
        if (exceptions.isEmpty()) {
            return Set.of();
        }
        return exceptions.stream().filter(e -> type.test(e.type())).map(id).collect(Collectors.toSet());
    }

    /** The new minimum of each requirement a {@code modify} changes, by requirement id. */
    private Map<String, BigDecimal> modified() {
        if (exceptions.isEmpty()) {
            return Map.of();
        }
        Map<String, BigDecimal> m = new HashMap<>();
        for (StaffException e : exceptions) {
            if (e.type() == StaffException.Type.MODIFY) {
                m.put(e.requirement(), e.minimum());
            }
        }
        return m;
    }

    /** The minimum the rules set for a requirement (named, {@code total} or a level's). */
    private BigDecimal ruleMinimum(String id) {
        for (Requirement r : definition.requirements()) {
            if (r.id().equals(id)) {
                return r.minCredentials() > 0 ? BigDecimal.valueOf(r.minCredentials()) : r.minPoints();
            }
        }
        if (id.equals("total") && definition.total() != null) {
            return definition.total().minPoints();
        }
        for (var b : definition.bodies()) {
            if (b.id().equals(id)) {
                return BigDecimal.valueOf(b.count());
            }
        }
        return definition.levels().stream().filter(l -> l.id().equals(id)).map(CreditAtLevel::minPoints).findFirst()
                .orElseThrow();
    }

    private static int requirementIndex(List<Requirement> requirements, String id) {
        for (int i = 0; i < requirements.size(); i++) {
            if (requirements.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A personal award's theme: the share of the counted credit tagged with the theme the learner declares. It is
     * checked on the learner's own choice of credentials (the claim), so no search is needed: what is counted is
     * what they chose, less what the award's other rules leave out.
     */
    private RequirementResult theme(Tally tally, Candidates candidates, Set<String> waived, List<String> missing) {
        int percent = definition.personal().themePercent();
        BigDecimal in = BigDecimal.ZERO;
        for (Counted c : tally.counted()) {
            Credit credit = candidates.byId().get(c.credential());
            if (claim != null && credit.subjects().contains(claim.theme())) {
                in = in.add(credit.points());
            }
        }
        BigDecimal need = tally.total().multiply(BigDecimal.valueOf(percent))
                .divide(BigDecimal.valueOf(100), 2, java.math.RoundingMode.UP);
        String description = Wording.theme(percent, claim == null ? null : claim.theme());
        boolean w = waived.contains("theme");
        if (claim == null) {
            if (!w && missing != null) {
                missing.add(Wording.NO_CLAIM);
            }
            return new RequirementResult("theme", RequirementResult.Kind.THEME, description, w, Points.normal(in),
                    Points.normal(need), null, w);
        }
        return minimum("theme", RequirementResult.Kind.THEME, description, in, need, w, missing,
                more -> Wording.moreInTheme(prepared.terms, more, claim.theme()));
    }

    private static BigDecimal[] zeros(int n) {
        BigDecimal[] a = new BigDecimal[n];
        Arrays.fill(a, BigDecimal.ZERO);
        return a;
    }

    private static RequirementResult minimum(String id, RequirementResult.Kind kind, String description, BigDecimal have,
                                             BigDecimal need, boolean waived, List<String> missing,
                                             UnaryOperator<String> shortfall) {
        return minimum(id, kind, description, have, need, waived, missing, shortfall, more -> null);
    }

    /** As above, with what the routes of credit allow of the shortfall (a full cap), said beside it. */
    private static RequirementResult minimum(String id, RequirementResult.Kind kind, String description, BigDecimal have,
                                             BigDecimal need, boolean waived, List<String> missing,
                                             UnaryOperator<String> shortfall,
                                             java.util.function.Function<BigDecimal, String> routes) {
        boolean met = waived || have.compareTo(need) >= 0;
        if (!met && missing != null) {
            BigDecimal more = need.subtract(have);
            String note = routes.apply(more);
            missing.add(Wording.missing(shortfall.apply(Points.text(more)) + (note == null ? "" : ", " + note),
                    have, need));
        }
        return new RequirementResult(id, kind, description, met, Points.normal(have), Points.normal(need), null, waived);
    }

}
