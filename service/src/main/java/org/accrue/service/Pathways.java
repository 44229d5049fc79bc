package org.accrue.service;

import org.accrue.EvaluationException;
import org.accrue.RuleSet;
import org.accrue.learner.Credential;
import org.accrue.learner.LearnerRecord;
import org.accrue.planning.Catalogue;
import org.accrue.planning.CatalogueItem;
import org.accrue.planning.Objective;
import org.accrue.planning.PlanRequest;
import org.accrue.planning.PlanResult;
import org.accrue.planning.WhatIf;
import org.accrue.reading.InvalidInputException;
import org.accrue.reading.LearnerFiles;
import org.accrue.report.Printable;
import org.accrue.service.accounts.Caller;
import org.accrue.vocabulary.Award;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans and what-if for the registry (docs/planning.md): a learner's file, the registry's catalogue and the rule set
 * in force, with the staff exceptions approved for the learner. Nothing here is a decision, so nothing is logged.
 */
public final class Pathways {
    private final Registry registry;

    Pathways(Registry registry) {
        this.registry = registry;
    }

    /** What a learner's file was read into, and the rule set that judges it. */
    private record Read(LearnerRecord learner, RuleSet ruleSet) {
    }

    private Catalogue catalogue() {
        Catalogue c = registry.catalogue();
        if (c == null) {
            throw new Problem(409, "catalogue: this registry has no catalogue to plan with; start it with "
                    + "'accrue serve --catalogue FILE' or 'catalogue:' in its configuration");
        }
        return c;
    }

    private Read read(byte[] body, String mediaType, LocalDate asOf, List<String> awards, String ruleSetId,
                      String source) {
        RuleSet ruleSet = registry.choose(asOf, ruleSetId);
        Registry.requireAwards(ruleSet, awards);
        if (!MediaTypes.readable(mediaType)) {
            throw new Problem(415, source + ": Content-Type " + Printable.echo(mediaType) + " is not a learner file; "
                    + "send " + MediaTypes.ACCEPTED);
        }
        try {
            String text = LearnerFiles.utf8(body, source, "body");
            LearnerRecord record = registry.compute(() -> LearnerFiles.parseAny(text, source, MediaTypes.json(mediaType)));
            return new Read(registry.withApproved(record), ruleSet);
        } catch (InvalidInputException e) {
            throw new Problem(400, e.getMessage());
        } catch (RuntimeException e) {
            if (e.getCause() instanceof InvalidInputException i) {
                throw new Problem(400, i.getMessage());
            }
            throw e;
        }
    }

    /**
     * The least costly plan for each award (all when none is named).
     *
     * @throws Problem 400 for a learner file or a request that cannot be read, 409 without a catalogue, 422 when
     *                 the rule set cannot evaluate the learner with the items on offer
     */
    public List<PlanResult> plan(Caller caller, byte[] body, String mediaType, LocalDate asOf, List<String> awards,
                                 Objective objective, BigDecimal budget, int alternatives, String ruleSetId,
                                 String source) {
        Catalogue catalogue = catalogue();
        if (budget != null && budget.signum() < 0) {
            throw Problem.badRequest("budget: cannot be negative");
        }
        if (alternatives < 0 || alternatives > PlanRequest.MAX_ALTERNATIVES) {
            throw Problem.badRequest("alternatives: must be from 0 to " + PlanRequest.MAX_ALTERNATIVES);
        }
        Read r = read(body, mediaType, asOf, awards, ruleSetId, source);
        List<String> ids = awards.isEmpty() ? r.ruleSet().awards().stream().map(Award::id).toList() : awards;
        List<PlanRequest> requests = new ArrayList<>();
        for (String a : ids) {
            requests.add(new PlanRequest(a, asOf, objective, budget, alternatives));
        }
        try {
            return registry.compute(() -> r.ruleSet().plan(r.learner(), catalogue, requests));
        } catch (IllegalArgumentException e) {
            throw new Problem(400, source + ": " + e.getMessage());
        } catch (EvaluationException e) {
            throw new Problem(422, source + ": " + e.getMessage());
        }
    }

    /** The same, for a learner from their newest file on the log (the web page's plan tab). */
    public List<PlanResult> planFromLog(Caller caller, String learnerId, LocalDate asOf, List<String> awards,
                                        Objective objective, BigDecimal budget, int alternatives) {
        catalogue();
        org.accrue.service.log.Decision last = registry.newestWithFile(learnerId);
        return plan(caller, last.input(), last.mediaType(), asOf, awards, objective, budget, alternatives, null,
                Registry.sourceOf(last));
    }

    /** The learner as they are and with catalogue items added, per award. */
    public WhatIf whatIf(Caller caller, byte[] body, String mediaType, LocalDate asOf, List<String> items,
                         List<String> awards, String ruleSetId, String source) {
        Catalogue catalogue = catalogue();
        if (items.isEmpty()) {
            throw Problem.badRequest("item: name at least one catalogue item to add");
        }
        List<Credential> added = new ArrayList<>();
        for (String id : items) {
            CatalogueItem item = catalogue.item(id).orElseThrow(() -> Problem.badRequest("item: no item '"
                    + Printable.echo(id) + "' in the catalogue"));
            added.add(item.credentialOn(asOf));
        }
        Read r = read(body, mediaType, asOf, awards, ruleSetId, source);
        RuleSet rules = r.ruleSet().withLimits(r.ruleSet().limits().withMaxCredentials(Math.max(
                r.ruleSet().limits().maxCredentials(), r.learner().credentials().size() + added.size())));
        try {
            return registry.compute(() -> WhatIf.of(r.learner(), added, l -> rules.evaluate(l, asOf, awards)));
        } catch (IllegalArgumentException e) {
            throw new Problem(400, source + ": " + e.getMessage());
        } catch (EvaluationException e) {
            throw new Problem(422, source + ": " + e.getMessage());
        }
    }
}
