package org.accrue.bench;

import org.accrue.learner.Assessment;
import org.accrue.learner.Credential;
import org.accrue.learner.LearnerRecord;
import org.accrue.learner.QualityAssurance;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SCQF ladder decided by hand-written Java, with no rules engine: a reference for the benchmark (what does
 * Drools cost?) and for a test that both agree on every generated learner. Not used by Accrue itself. It
 * knows only the shipped frameworks and ladder awards; the stacked award is out of its scope.
 */
public final class ReferenceLadder {
    /** award id, total, level-rule points, level (0 none), second level-rule points, second level, min level to count. */
    private static final Object[][] AWARDS = {
            {"scqf-certhe", 120, 90, 7, 0, 0, 0},
            {"scqf-diphe", 240, 90, 8, 0, 0, 0},
            {"scqf-ordinary-degree", 360, 60, 9, 0, 0, 0},
            {"scqf-honours-degree", 480, 180, 9, 90, 10, 0},
            {"scqf-graduate-certificate", 60, 0, 0, 0, 0, 9},
            {"scqf-graduate-diploma", 120, 0, 0, 0, 0, 9},
            {"scqf-pgcert", 60, 40, 11, 0, 0, 0},
            {"scqf-pgdip", 120, 90, 11, 0, 0, 0},
            {"scqf-masters", 180, 150, 11, 0, 0, 0},
    };

    private ReferenceLadder() {
    }

    /** Eligibility for every SCQF ladder award. */
    public static Map<String, Boolean> evaluate(LearnerRecord learner) {
        int n = learner.credentials().size();
        BigDecimal[] points = new BigDecimal[n];
        int[] levels = new int[n];
        for (int i = 0; i < n; i++) {
            Credential c = learner.credentials().get(i);
            points[i] = points(c);
            levels[i] = level(c);
        }
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (Object[] a : AWARDS) {
            BigDecimal total = BigDecimal.ZERO;
            BigDecimal atLevel = BigDecimal.ZERO;
            BigDecimal atLevel2 = BigDecimal.ZERO;
            for (int i = 0; i < n; i++) {
                if (points[i] == null || levels[i] < (int) a[6]) {
                    continue;
                }
                total = total.add(points[i]);
                if ((int) a[3] > 0 && levels[i] >= (int) a[3]) {
                    atLevel = atLevel.add(points[i]);
                }
                if ((int) a[5] > 0 && levels[i] >= (int) a[5]) {
                    atLevel2 = atLevel2.add(points[i]);
                }
            }
            out.put((String) a[0], total.compareTo(BigDecimal.valueOf((int) a[1])) >= 0
                    && atLevel.compareTo(BigDecimal.valueOf((int) a[2])) >= 0
                    && atLevel2.compareTo(BigDecimal.valueOf((int) a[4])) >= 0);
        }
        return out;
    }

    /** SCQF points, or null when the credential carries no credit. */
    private static BigDecimal points(Credential c) {
        if (c.credit() == null || c.credit().value() == null || c.assessment() != Assessment.SUMMATIVE
                || c.qualityAssurance() == null || c.qualityAssurance() == QualityAssurance.NONE) {
            return null;
        }
        BigDecimal v = c.credit().value();
        return switch (c.credit().system()) {
            case SCQF, FHEQ, NZQF -> v;
            case ECTS -> v.multiply(BigDecimal.valueOf(2));
            case US_SEMESTER -> v.multiply(BigDecimal.valueOf(4));
            case US_QUARTER -> v.multiply(BigDecimal.valueOf(4)).divide(BigDecimal.valueOf(3), 2,
                    java.math.RoundingMode.HALF_EVEN).multiply(BigDecimal.valueOf(2));
        };
    }

    /** SCQF level after referencing (the lower where two), 0 when none. */
    private static int level(Credential c) {
        if (c.level() == null) {
            return 0;
        }
        int v = c.level().value();
        return switch (c.level().framework()) {
            case SCQF -> v;
            case EQF -> new int[]{0, 3, 4, 5, 6, 7, 9, 11, 12}[v];
            case FHEQ -> new int[]{0, 0, 0, 0, 7, 8, 9, 11, 12}[v];
            case RQF, CQFW -> new int[]{0, 4, 5, 6, 7, 8, 9, 11, 12}[v];
            case NFQ -> new int[]{0, 3, 3, 4, 5, 6, 7, 9, 9, 11, 12}[v];
            case NZQF -> new int[]{0, 4, 5, 6, 6, 7, 7, 9, 0, 11, 12}[v];
            case AQF -> 0;
        };
    }
}
