package org.accrue;

import org.accrue.learner.Assessment;
import org.accrue.learner.CreditSystem;
import org.accrue.learner.LearnerRecord;
import org.accrue.learner.LevelFramework;
import org.accrue.learner.QualityAssurance;
import org.accrue.learner.Route;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random learners near the shipped awards' thresholds, reproducible from a seed. */
final class GeneratedLearners {
    private static final String[] SUBJECTS = {"data-science", "statistics", "research-methods", "ethics"};
    private static final int[] POINTS = {5, 10, 15, 15, 15, 20, 30, 60};

    private GeneratedLearners() {
    }

    static LearnerRecord learner(Random r) {
        int n = 1 + r.nextInt(9);
        List<Learners.C> credentials = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            credentials.add(credential(r, "C" + i));
        }
        return Learners.learner(credentials.toArray(Learners.C[]::new));
    }

    static Learners.C credential(Random r, String id) {
        Learners.C c = Learners.credential(id);
        int points = POINTS[r.nextInt(POINTS.length)];
        switch (r.nextInt(4)) {
            case 0 -> c.credit(Integer.toString(points / 2), CreditSystem.ECTS).level(LevelFramework.EQF, 5 + r.nextInt(4));
            case 1 -> c.credit(Integer.toString(points), CreditSystem.FHEQ).level(LevelFramework.FHEQ, 4 + r.nextInt(5));
            default -> c.scqf(points, 7 + r.nextInt(6));
        }
        List<String> subjects = new ArrayList<>();
        for (String s : SUBJECTS) {
            if (r.nextInt(3) == 0) {
                subjects.add(s);
            }
        }
        c.subjects(subjects.toArray(String[]::new));
        c.issued(LocalDate.of(2026, 11, 28).minusDays(r.nextInt(7 * 365)).toString());
        Route[] routes = {Route.TAUGHT, Route.TAUGHT, Route.TRANSFER, Route.RPL, null};
        c.route(routes[r.nextInt(routes.length)]);
        if (r.nextInt(10) == 0) {
            c.assessment(Assessment.FORMATIVE);
        }
        if (r.nextInt(12) == 0) {
            c.qa(QualityAssurance.NONE);
        }
        return c;
    }
}
