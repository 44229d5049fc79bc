package org.accrue.service.web;

import org.accrue.service.log.DecisionLog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The registry overview: how many learners were checked each month, and for each award how many were eligible
 * and how many not, counted from the decision log's verdicts.
 *
 * @param perMonth decisions per month, as a chart
 * @param awards   per award: eligible and not eligible
 */
public record Overview(long decisions, ResultView.Chart perMonth, ResultView.Chart eligiblePerAward,
                       List<AwardCount> awards, List<MonthCount> months) {

    /** One award's counts. */
    public record AwardCount(String award, long eligible, long notEligible) {
    }

    /** One award's counts in one month. */
    public record MonthCount(String month, String award, long eligible, long notEligible) {
    }

    static Overview of(List<DecisionLog.Verdicts> log) {
        Map<String, BigDecimal> months = new TreeMap<>();
        Map<String, long[]> awards = new TreeMap<>();
        Map<String, Map<String, long[]>> byMonth = new TreeMap<>();
        for (DecisionLog.Verdicts v : log) {
            months.merge(v.month(), BigDecimal.ONE, BigDecimal::add);
            v.verdicts().forEach((award, verdict) -> {
                int k = verdict.equals("eligible") ? 0 : 1;
                awards.computeIfAbsent(award, a -> new long[2])[k]++;
                byMonth.computeIfAbsent(v.month(), m -> new TreeMap<>()).computeIfAbsent(award, a -> new long[2])[k]++;
            });
        }
        Map<String, BigDecimal> eligible = new TreeMap<>();
        awards.forEach((a, c) -> eligible.put(a, BigDecimal.valueOf(c[0])));
        List<MonthCount> perMonth = new java.util.ArrayList<>();
        byMonth.forEach((m, counts) -> counts.forEach((a, c) -> perMonth.add(new MonthCount(m, a, c[0], c[1]))));
        return new Overview(log.size(), ResultView.Chart.of("Learners checked per month", months),
                ResultView.Chart.of("Learners eligible, per award", eligible),
                awards.entrySet().stream().map(e -> new AwardCount(e.getKey(), e.getValue()[0], e.getValue()[1]))
                        .toList(), perMonth);
    }
}
