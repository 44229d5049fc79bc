package org.accrue.planning;

import org.accrue.RuleSet;
import org.accrue.RuleSetException;
import org.accrue.learner.Assessment;
import org.accrue.learner.CreditSystem;
import org.accrue.learner.Credential;
import org.accrue.learner.Learner;
import org.accrue.learner.LearnerRecord;
import org.accrue.learner.LevelFramework;
import org.accrue.learner.QualityAssurance;
import org.accrue.learner.Route;
import org.accrue.learner.StatedCredit;
import org.accrue.learner.StatedLevel;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random catalogues and learners around the shipped awards, reproducible from a seed. */
final class PlanningFixtures {
    private static final String[] SUBJECTS = {"data-science", "statistics", "research-methods", "ethics", "marketing"};
    private static final int[] PRICES = {100, 100, 200, 200, 300, 450};
    private static final int[] HOURS = {50, 100, 100, 150, 200};
    private static RuleSet rules;

    private PlanningFixtures() {
    }

    static synchronized RuleSet rules() {
        if (rules == null) {
            try {
                rules = RuleSet.loadDefault();
            } catch (RuleSetException e) {
                throw new IllegalStateException(e);
            }
        }
        return rules;
    }

    /** A credential near the shipped awards' thresholds. */
    static Credential credential(Random r, String id, LocalDate issued) {
        int points = new int[]{10, 15, 15, 20, 30, 60}[r.nextInt(6)];
        StatedCredit credit;
        StatedLevel level;
        switch (r.nextInt(4)) {
            case 0 -> {
                credit = new StatedCredit(BigDecimal.valueOf(points).divide(BigDecimal.valueOf(2)), CreditSystem.ECTS);
                level = new StatedLevel(LevelFramework.EQF, 5 + r.nextInt(4));
            }
            case 1 -> {
                credit = new StatedCredit(BigDecimal.valueOf(points), CreditSystem.FHEQ);
                level = new StatedLevel(LevelFramework.FHEQ, 4 + r.nextInt(4));
            }
            default -> {
                credit = new StatedCredit(BigDecimal.valueOf(points), CreditSystem.SCQF);
                level = new StatedLevel(LevelFramework.SCQF, 7 + r.nextInt(6));
            }
        }
        List<String> subjects = new ArrayList<>();
        for (String s : SUBJECTS) {
            if (r.nextInt(3) == 0) {
                subjects.add(s);
            }
        }
        Route[] routes = {Route.TAUGHT, Route.TAUGHT, Route.TRANSFER, Route.RPL};
        Assessment assessment = r.nextInt(12) == 0 ? Assessment.FORMATIVE : Assessment.SUMMATIVE;
        return new Credential(id, null, "Course " + id, "Provider " + r.nextInt(4), "GB-SCT", issued, credit, level,
                BigDecimal.valueOf(HOURS[r.nextInt(HOURS.length)]), assessment, null, QualityAssurance.EXTERNAL, true,
                subjects, List.of("An outcome"), null, routes[r.nextInt(routes.length)], null, null);
    }

    /** {@code size} items; some need an earlier one first, some no longer start, prices from few values. */
    static Catalogue catalogue(Random r, int size) {
        List<CatalogueItem> items = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String id = "item-" + (char) ('a' + r.nextInt(26)) + i;
            Credential c = credential(r, id, null);
            List<String> prerequisites = new ArrayList<>();
            if (i > 0 && r.nextInt(5) == 0) {
                prerequisites.add(items.get(r.nextInt(items.size())).id());
            }
            List<LocalDate> starts = r.nextInt(10) == 0 ? List.of(LocalDate.of(2026, 1, 5)) : List.of();
            BigDecimal price = BigDecimal.valueOf(PRICES[r.nextInt(PRICES.length)]).setScale(2);
            items.add(new CatalogueItem(c, new Cost(price, "GBP"), price, 10, starts, null, prerequisites));
        }
        return new Catalogue("generated", "GBP", items);
    }

    /** A learner with a few credentials, one of which may be a catalogue item already held. */
    static LearnerRecord learner(Random r, Catalogue catalogue) {
        List<Credential> held = new ArrayList<>();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            held.add(credential(r, "H" + i, LocalDate.of(2026, 11, 28).minusDays(r.nextInt(7 * 365))));
        }
        if (r.nextInt(4) == 0) {
            CatalogueItem taken = catalogue.items().get(r.nextInt(catalogue.items().size()));
            held.add(taken.credentialOn(LocalDate.of(2025, 6, 1)));
        }
        return new LearnerRecord(new Learner("L-" + r.nextInt(1000), null), held, "generated");
    }
}
