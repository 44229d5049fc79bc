package org.accrue.service;

import org.accrue.Outcome;
import org.accrue.RecordProblem;
import org.accrue.RuleSet;
import org.accrue.learner.Learner;
import org.accrue.learner.LearnerRecord;
import org.accrue.learner.StaffException;
import org.accrue.reading.InvalidInputException;
import org.accrue.reading.LearnerFiles;
import org.accrue.report.JsonReport;
import org.accrue.report.Printable;
import org.accrue.result.AwardResult;
import org.accrue.result.EvaluationResult;
import org.accrue.service.accounts.Accounts;
import org.accrue.service.accounts.Caller;
import org.accrue.service.log.Decision;
import org.accrue.service.log.DecisionLog;
import org.accrue.service.log.Entry;
import org.accrue.service.store.Database;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What a registry does with Accrue, whoever asks (the HTTP API, a test, a command): evaluate a learner's file
 * and put the decision on record, look decisions up, replay them, and keep staff exceptions under four eyes.
 * Who may do what is decided before a call reaches here ({@link org.accrue.service.http.Api}); the rules that
 * are about the people themselves (an author never approves their own exception) are kept here.
 */
public final class Registry implements AutoCloseable {
    /** How a learner file's source is named in results and messages the service gives. */
    public static final String SOURCE = "request";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final Database db;
    private final RuleSets ruleSets;
    private final Clock clock;
    private final DecisionLog log;
    private final Accounts accounts;
    private final StaffExceptions exceptions;
    /**
     * Reading and evaluating are CPU work: they run on one thread per core, the request threads waiting their
     * turn. Each of these threads keeps one Drools session, warm in its core's caches; a session per request
     * thread, taking turns on the cores, would throw each other's caches out at every switch.
     */
    private final java.util.concurrent.ExecutorService cores = java.util.concurrent.Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), r -> {
                Thread t = new Thread(r, "accrue-evaluate");
                t.setDaemon(true);
                return t;
            });

    /** What a core's thread gives back: the record read, or why not; the outcome and its JSON. */
    private record Worked(LearnerRecord record, Outcome outcome, String json) {
    }

    /** Runs any CPU work on the cores' threads and waits for it; what it throws is thrown here. */
    <T> T compute(java.util.concurrent.Callable<T> task) {
        try {
            return cores.submit(task).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Problem(503, "interrupted while evaluating");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The catalogue the registry plans with, or null when it was started without one. */
    private volatile org.accrue.planning.Catalogue catalogue;

    /** Offers a catalogue of micro-credentials for plans and what-if ({@link Pathways}). */
    public void offer(org.accrue.planning.Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    public org.accrue.planning.Catalogue catalogue() {
        return catalogue;
    }

    public Pathways pathways() {
        return new Pathways(this);
    }

    public Registry(Database db, RuleSets ruleSets, Clock clock) {
        this.db = db;
        this.ruleSets = ruleSets;
        this.clock = clock;
        this.log = new DecisionLog(db);
        this.accounts = new Accounts(db, clock);
        this.exceptions = new StaffExceptions(db, log);
    }

    public Accounts accounts() {
        return accounts;
    }

    public RuleSets ruleSets() {
        return ruleSets;
    }

    public DecisionLog log() {
        return log;
    }

    public Database database() {
        return db;
    }

    /** Now, to the millisecond, by the registry's clock. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /** Today in UTC, by the registry's clock. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /**
     * Evaluates one learner file (any format Accrue reads, chosen by content) and logs the decision; returns
     * only once it is committed.
     *
     * @param mediaType the request's Content-Type (may be null); a JSON type makes malformed text a JSON error
     * @param ruleSetId a rule-set hash to use instead of the one in force on {@code asOf}; may be null
     * @throws Problem 400 for an input Accrue cannot read or that does not fit the rule set, 415 for a body that
     *                 is not text, 422 when the evaluation goes over a limit, 500 for a fault; each but the
     *                 request's own errors (a bad date, an unknown award or rule set) is logged as rejected first
     */
    public Decision evaluate(Caller caller, byte[] body, String mediaType, LocalDate asOf, List<String> awards,
                             String ruleSetId) {
        return evaluate(caller, body, mediaType, asOf, awards, ruleSetId, SOURCE);
    }

    /**
     * The same, with the learner file named {@code source} in the result and in messages (the web page gives the
     * uploaded file's name; the API, {@value #SOURCE}).
     */
    public Decision evaluate(Caller caller, byte[] body, String mediaType, LocalDate asOf, List<String> awards,
                             String ruleSetId, String source) {
        RuleSet ruleSet = choose(asOf, ruleSetId);
        requireAwards(ruleSet, awards);
        String id = UUID.randomUUID().toString();
        Instant at = now();
        if (!MediaTypes.readable(mediaType)) {
            throw reject(id, at, caller, null, asOf, awards, ruleSet, mediaType, body, 415, source
                    + ": Content-Type " + Printable.echo(mediaType) + " is not a learner file; send "
                    + MediaTypes.ACCEPTED);
        }
        String text;
        try {
            text = LearnerFiles.utf8(body, source, "body");
        } catch (InvalidInputException e) {
            throw reject(id, at, caller, null, asOf, awards, ruleSet, mediaType, body, 415, e.getMessage());
        }
        // parsed and evaluated on the cores' own threads: one Drools session each, warm in its core's caches,
        // rather than one per request thread taking turns
        Worked worked = compute(() -> {
            try {
                return new Worked(LearnerFiles.parseAny(text, source, MediaTypes.json(mediaType)), null, null);
            } catch (InvalidInputException e) {
                return new Worked(null, Outcome.rejected(e.file(), Outcome.Reason.UNREADABLE, e.where(), e.problem()),
                        null);
            } catch (RuntimeException | StackOverflowError e) {
                return new Worked(null, Outcome.rejected(source, Outcome.Reason.INTERNAL, null, "internal error in "
                        + "Accrue (" + e.getClass().getName() + "); please report it with this record"), null);
            }
        });
        if (worked.outcome() instanceof Outcome.Rejected r) {
            throw reject(id, at, caller, null, asOf, awards, ruleSet, mediaType, body, status(r.reason()), r.message());
        }
        LearnerRecord record = worked.record();
        String learnerId = record.learner().id();
        List<StaffExceptions.Proposal> approved = exceptions.approved(learnerId);
        Worked evaluated = compute(() -> {
            Outcome o = ruleSet.evaluateRecord(withExceptions(record, approved), source, asOf, awards);
            return new Worked(record, o, o instanceof Outcome.Evaluated e ? JsonReport.line(e.result()) : null);
        });
        Outcome outcome = evaluated.outcome();
        String json = evaluated.json();
        if (outcome instanceof Outcome.Rejected r) {
            throw reject(id, at, caller, learnerId, asOf, awards, ruleSet, mediaType, body, status(r.reason()),
                    r.message());
        }
        EvaluationResult result = ((Outcome.Evaluated) outcome).result();
        return log.appendAndWait(new Entry(id, at, caller.name(), learnerId, asOf, awards, ruleSet.id(),
                Decision.Status.EVALUATED, null, verdicts(result), approved.stream()
                .map(StaffExceptions.Proposal::id).toList(), mediaType, body, json));
    }

    /**
     * Evaluates a learner again from the file their newest decision on the log holds (one not erased), named as it
     * was then, and logs the decision.
     *
     * @throws Problem 400 when the log holds no file of theirs
     */
    public Decision evaluateAgain(Caller caller, String learnerId, LocalDate asOf, List<String> awards) {
        Decision last = newestWithFile(learnerId);
        return evaluate(caller, last.input(), last.mediaType(), asOf, awards, null, sourceOf(last));
    }

    /** The learner's newest decision on the log that still holds their file. */
    Decision newestWithFile(String learnerId) {
        return log.forLearner(learnerId, 500, null).stream().filter(d -> d.input() != null).findFirst()
                .orElseThrow(() -> Problem.badRequest("No learner " + Printable.echo(learnerId)
                        + " with a file on the log: upload their file"));
    }

    /** What a decision's file was called: its result's source, or "log". */
    static String sourceOf(Decision d) {
        return d.result() == null ? "log" : sourceOf(d.result());
    }

    /** @throws Problem 400 naming an award the rule set does not define */
    static void requireAwards(RuleSet ruleSet, List<String> awards) {
        for (String a : awards) {
            if (ruleSet.awards().stream().noneMatch(x -> x.id().equals(a))) {
                throw Problem.badRequest("award: unknown award '" + Printable.echo(a) + "'; the rule set "
                        + ruleSet.id() + " defines " + String.join(", ", ruleSet.awards().stream()
                        .map(x -> x.id()).toList()));
            }
        }
    }

    RuleSet choose(LocalDate asOf, String ruleSetId) {
        if (ruleSetId != null) {
            return ruleSets.byId(ruleSetId).orElseThrow(() -> Problem.badRequest("ruleSet: no rule set "
                    + Printable.echo(ruleSetId) + " is loaded; GET /v1/rulesets lists them"));
        }
        return ruleSets.on(asOf).orElseThrow(() -> Problem.badRequest("asOf: no rule set is in force on " + asOf
                + "; the first comes into force on " + ruleSets.all().get(0).from()))
                .ruleSet();
    }

    /** The learner's record with the staff exceptions approved for them on the log. */
    LearnerRecord withApproved(LearnerRecord record) {
        return withExceptions(record, exceptions.approved(record.learner().id()));
    }

    private static LearnerRecord withExceptions(LearnerRecord record, List<StaffExceptions.Proposal> approved) {
        if (approved.isEmpty()) {
            return record;
        }
        List<StaffException> all = new ArrayList<>(record.exceptions());
        approved.forEach(p -> all.add(p.asApplied()));
        // the record's provenance (for verification), conferred awards and claims go with it
        return record.withExceptions(all);
    }

    /** The HTTP status for a record the engine did not evaluate. */
    static int status(Outcome.Reason reason) {
        return switch (reason) {
            case UNREADABLE, DOES_NOT_FIT, TOO_LARGE -> 400;
            case DID_NOT_SETTLE, TOO_MANY_FACTS, TIME_LIMIT, SEARCH_LIMIT -> 422;
            case RULE_FAILED, INTERNAL -> 500;
        };
    }

    private Problem reject(String id, Instant at, Caller caller, String learnerId, LocalDate asOf,
                           List<String> awards, RuleSet ruleSet, String mediaType, byte[] body, int status,
                           String message) {
        log.appendAndWait(new Entry(id, at, caller.name(), learnerId, asOf, awards, ruleSet.id(),
                Decision.Status.REJECTED, message, Map.of(), List.of(), mediaType, body, null));
        return new Problem(status, message, id);
    }

    /** The {@code source} a stored result names. */
    private static String sourceOf(String resultJson) {
        try {
            return JSON.readTree(resultJson).path("source").asText(SOURCE);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return SOURCE;
        }
    }

    /** Award id to {@code eligible} or {@code not-eligible}, in the result's order. */
    static Map<String, String> verdicts(EvaluationResult result) {
        Map<String, String> v = new LinkedHashMap<>();
        for (AwardResult a : result.awards()) {
            v.put(a.award(), a.eligible() ? "eligible" : "not-eligible");
        }
        return v;
    }

    /** A decision by id. */
    public Decision decision(String id) {
        return log.find(id).orElseThrow(() -> Problem.notFound("no decision " + Printable.echo(id)));
    }

    /** A learner's decisions, newest first, paged. */
    public List<Decision> decisions(String learnerId, int limit, String after) {
        if (limit < 1 || limit > 500) {
            throw Problem.badRequest("limit: between 1 and 500");
        }
        if (after != null && log.find(after).filter(d -> Objects.equals(d.learnerId(), learnerId)).isEmpty()) {
            throw Problem.badRequest("after: no decision " + Printable.echo(after) + " for this learner");
        }
        return log.forLearner(learnerId, limit, after);
    }

    /**
     * What a decision's stored input gives now.
     *
     * @param sameAsRecorded with the decision's own rule set and exceptions: whether the result is byte for byte
     *                       the recorded one; null when that rule set is no longer loaded
     * @param ruleSet        the rule set in force today that {@code changes} compares against
     * @param changes        awards whose verdict differs under today's rule set and today's approved exceptions
     * @param problem        why the input could not be evaluated under today's rule set; null when it was
     */
    public record Replay(String decision, String recordedRuleSet, Boolean sameAsRecorded, String ruleSet,
                         List<Change> changes, String problem) {
    }

    /** One award whose verdict changed: {@code was} or {@code now} is null when the award is new or gone. */
    public record Change(String award, String was, String now) {
    }

    /** Evaluates a decision's stored input again. */
    public Replay replay(String id) {
        Decision d = decision(id);
        if (d.status() != Decision.Status.EVALUATED) {
            throw new Problem(409, "decision " + id + " is " + d.status().code() + ": only evaluations are replayed");
        }
        if (d.erased()) {
            throw new Problem(409, "decision " + id + ": its input was erased on " + d.erasedAt()
                    + " (personal data); the verdicts stay on record but it cannot be replayed");
        }
        // the name the learner file had: the API's "request", or the uploaded file's on the web page
        String source = sourceOf(d.result());
        LearnerRecord record;
        try {
            record = LearnerFiles.parseAny(LearnerFiles.utf8(d.input(), source, "body"), source,
                    MediaTypes.json(d.mediaType()));
        } catch (InvalidInputException e) {
            throw new Problem(500, "decision " + id + ": its stored input no longer reads: " + e.getMessage());
        }
        Boolean same = null;
        RuleSet own = ruleSets.byId(d.ruleSet()).orElse(null);
        if (own != null) {
            List<StaffExceptions.Proposal> then = new ArrayList<>();
            for (String e : d.exceptions()) {
                then.add(exceptions.find(e).orElseThrow(() -> new Problem(500, "decision " + id
                        + " applied staff exception " + e + ", which is no longer on record")));
            }
            Outcome o = own.evaluateRecord(withExceptions(record, then), source, d.asOf(), d.awards());
            same = o instanceof Outcome.Evaluated ev && JsonReport.line(ev.result()).equals(d.result());
        }
        RuleSet today = ruleSets.current(today()).ruleSet();
        List<String> awards = d.awards().stream().filter(a -> today.awards().stream()
                .anyMatch(x -> x.id().equals(a))).toList();
        Map<String, String> is = Map.of();
        String problem = null;
        if (!awards.isEmpty() || d.awards().isEmpty()) {
            // when every award asked for then is gone from today's rule set, each is a change to nothing
            Outcome now = today.evaluateRecord(withExceptions(record, exceptions.approved(record.learner().id())),
                    source, d.asOf(), awards);
            if (now instanceof Outcome.Evaluated ev) {
                is = verdicts(ev.result());
            } else {
                problem = ((Outcome.Rejected) now).message();
            }
        }
        Map<String, String> was = d.verdicts();
        List<Change> changes = new ArrayList<>();
        Set<String> all = new java.util.LinkedHashSet<>(was.keySet());
        all.addAll(is.keySet());
        for (String award : all) {
            if (!Objects.equals(was.get(award), is.get(award))) {
                changes.add(new Change(award, was.get(award), is.get(award)));
            }
        }
        return new Replay(id, d.ruleSet(), same, today.id(), changes, problem);
    }

    /**
     * Proposes a staff exception for a learner, pending until someone else approves it.
     *
     * @throws Problem 400 naming the field that is missing or does not fit the rule set in force today
     */
    public StaffExceptions.Proposal propose(Caller caller, String learnerId, String type, String award,
                                           String requirement, String credential, String reason) {
        return propose(caller, learnerId, type, award, requirement, credential, reason, null);
    }

    /**
     * Proposes a staff exception; {@code minimum} is a {@code modify}'s new minimum (text, as a form or JSON gives
     * it), null for the other types.
     *
     * @throws Problem 400 naming the field that is missing or does not fit the rule set in force today
     */
    public StaffExceptions.Proposal propose(Caller caller, String learnerId, String type, String award,
                                           String requirement, String credential, String reason, String minimum) {
        StaffException.Type t;
        try {
            t = StaffExceptions.type(Objects.requireNonNull(type, "type"));
        } catch (RuntimeException e) {
            throw Problem.badRequest("type: " + (type == null ? "is missing" : "unknown value '"
                    + Printable.echo(type) + "'") + "; expected one of waive | substitute | allow | allow-recency | "
                    + "allow-cap | modify");
        }
        require(award, "award");
        require(reason, "reason");
        String kind = StaffExceptions.code(t);
        if (t.namesRequirement()) {
            require(requirement, "requirement");
        } else if (requirement != null) {
            throw Problem.badRequest("requirement: an allowance applies to a credential, not a requirement");
        }
        if (t.namesCredential()) {
            require(credential, "credential");
        } else if (credential != null) {
            throw Problem.badRequest("credential: " + (t == StaffException.Type.WAIVE ? "a waiver" : "a " + kind)
                    + " applies to a requirement, not a credential");
        }
        java.math.BigDecimal min = null;
        if (t == StaffException.Type.MODIFY) {
            require(minimum, "minimum");
            try {
                min = new java.math.BigDecimal(minimum.strip());
            } catch (NumberFormatException e) {
                throw Problem.badRequest("minimum: '" + Printable.echo(minimum) + "' is not a number");
            }
            if (min.signum() < 0 || min.scale() > 2 || min.compareTo(java.math.BigDecimal.valueOf(10_000)) > 0) {
                throw Problem.badRequest("minimum: " + min.toPlainString() + " is not a minimum from 0 to 10,000 with "
                        + "at most 2 decimal places");
            }
        } else if (minimum != null) {
            throw Problem.badRequest("minimum: only a modify changes a minimum");
        }
        StaffException e = new StaffException(t, award, requirement, credential, caller.name(), today(), reason, null,
                min);
        RuleSet current = ruleSets.current(today()).ruleSet();
        List<RecordProblem> problems = current.problems(new LearnerRecord(new Learner(learnerId, null), List.of(),
                List.of(e), null));
        if (!problems.isEmpty()) {
            RecordProblem p = problems.get(0);
            throw Problem.badRequest(p.where().replace("exceptions[0].", "") + ": " + p.problem());
        }
        return exceptions.propose(new StaffExceptions.Proposal(UUID.randomUUID().toString(), learnerId, t, award,
                requirement, credential, reason, caller.name(), now(), StaffExceptions.Status.PENDING,
                null, null, null, min), current.id());
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw Problem.badRequest(field + ": is missing");
        }
    }

    /**
     * Approves or rejects a pending exception: never by its author (four eyes).
     *
     * @throws Problem 404 when there is none, 403 for its author, 409 when it was already decided
     */
    public StaffExceptions.Proposal decide(Caller caller, String id, boolean approve, String note) {
        StaffExceptions.Proposal p = exceptions.find(id).orElseThrow(() -> Problem.notFound("no exception "
                + Printable.echo(id)));
        if (p.proposedBy().equals(caller.name())) {
            throw new Problem(403, "exception " + id + " was proposed by " + caller.name()
                    + ": someone else must approve or reject it (four eyes)");
        }
        if (p.status() != StaffExceptions.Status.PENDING
                || !exceptions.decide(p, approve ? StaffExceptions.Status.APPROVED : StaffExceptions.Status.REJECTED,
                caller.name(), now(), note)) {
            throw new Problem(409, "exception " + id + " was already "
                    + exceptions.find(id).map(x -> x.status().code()).orElse("decided"));
        }
        return exceptions.find(id).orElseThrow();
    }

    /** Every pending exception, oldest first. */
    public List<StaffExceptions.Proposal> pendingExceptions() {
        return exceptions.pending();
    }

    /** A learner's exceptions, oldest first. */
    public List<StaffExceptions.Proposal> exceptions(String learnerId) {
        return exceptions.forLearner(learnerId);
    }

    @Override
    public void close() {
        cores.shutdown();
        log.close();
    }
}
