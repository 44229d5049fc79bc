package org.accrue.service.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changed between two of a learner's decisions: each award's verdict, each requirement's figures and whether
 * it was met, and each credential's credit; an award, requirement or credential only one side has is a change
 * from or to "none".
 */
public record Comparison(String learner, String earlier, String earlierAt, String earlierAsOf, String later,
                         String laterAt, String laterAsOf, List<Change> changes) {

    /** One difference: the award, what (the verdict, or a requirement), as it was and as it is. */
    public record Change(String award, String what, String was, String now) {
    }

    /** The comparison of two results (their views). */
    public static Comparison of(String learner, ResultView a, ResultView b) {
        Map<String, ResultView.AwardView> was = awards(a);
        Map<String, ResultView.AwardView> now = awards(b);
        Set<String> all = new LinkedHashSet<>(was.keySet());
        all.addAll(now.keySet());
        List<Change> changes = new ArrayList<>();
        for (String award : all) {
            ResultView.AwardView x = was.get(award);
            ResultView.AwardView y = now.get(award);
            String vx = x == null ? "none" : x.eligible() ? "eligible" : "not eligible";
            String vy = y == null ? "none" : y.eligible() ? "eligible" : "not eligible";
            if (!vx.equals(vy)) {
                changes.add(new Change(award, "verdict", vx, vy));
            }
            Map<String, ResultView.RequirementView> rx = requirements(x);
            Map<String, ResultView.RequirementView> ry = requirements(y);
            Set<String> ids = new LinkedHashSet<>(rx.keySet());
            ids.addAll(ry.keySet());
            for (String id : ids) {
                String fx = figures(rx.get(id));
                String fy = figures(ry.get(id));
                if (!Objects.equals(fx, fy)) {
                    changes.add(new Change(award, "requirement " + id, fx, fy));
                }
            }
        }
        Map<String, String> cx = new LinkedHashMap<>();
        Map<String, String> cy = new LinkedHashMap<>();
        a.credentials().forEach(c -> cx.put(c.id(), credit(c)));
        b.credentials().forEach(c -> cy.put(c.id(), credit(c)));
        Set<String> credentials = new LinkedHashSet<>(cx.keySet());
        credentials.addAll(cy.keySet());
        for (String id : credentials) {
            String x = cx.getOrDefault(id, "none");
            String y = cy.getOrDefault(id, "none");
            if (!x.equals(y)) {
                changes.add(new Change("credential " + id, "credit", x, y));
            }
        }
        return new Comparison(learner, a.decision(), a.at(), a.asOf(), b.decision(), b.at(), b.asOf(), changes);
    }

    private static String credit(ResultView.CredentialView c) {
        return c.creditBearing() ? c.points() + " SCQF points at level " + c.level()
                : "no credit" + (c.excluded().isEmpty() ? "" : ": " + String.join("; ", c.excluded()));
    }

    private static Map<String, ResultView.AwardView> awards(ResultView v) {
        Map<String, ResultView.AwardView> m = new LinkedHashMap<>();
        v.eligible().forEach(a -> m.put(a.id(), a));
        v.others().forEach(a -> m.put(a.id(), a));
        return m;
    }

    private static Map<String, ResultView.RequirementView> requirements(ResultView.AwardView a) {
        Map<String, ResultView.RequirementView> m = new LinkedHashMap<>();
        if (a != null) {
            a.requirements().forEach(r -> m.put(r.id(), r));
        }
        return m;
    }

    private static String figures(ResultView.RequirementView r) {
        if (r == null) {
            return "none";
        }
        return r.have() + " of " + (r.need() != null ? r.need() : "at most " + r.max()) + ", "
                + (r.waived() ? "waived" : r.met() ? "met" : "not met");
    }
}
