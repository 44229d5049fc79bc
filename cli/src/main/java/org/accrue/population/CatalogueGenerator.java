package org.accrue.population;

import org.accrue.learner.Assessment;
import org.accrue.learner.CreditSystem;
import org.accrue.learner.Credential;
import org.accrue.learner.LevelFramework;
import org.accrue.learner.Participation;
import org.accrue.learner.QualityAssurance;
import org.accrue.learner.Route;
import org.accrue.learner.StatedCredit;
import org.accrue.learner.StatedLevel;
import org.accrue.planning.Catalogue;
import org.accrue.planning.CatalogueItem;
import org.accrue.planning.Cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated catalogues of micro-credentials for planning benchmarks: items from 20 providers in 8 countries, in
 * SCQF, FHEQ and ECTS credit at SCQF 7-11 and their equivalents, over the subjects the shipped awards name, with
 * prices in pounds and euros (converted at a fixed rate), some prerequisites and some start dates. Reproducible
 * from a seed.
 */
public final class CatalogueGenerator {
    private static final String[][] PROVIDERS = {
            {"University of the Forth", "GB-SCT", "SCQF"}, {"Caledon Open University", "GB-SCT", "SCQF"},
            {"Glenmore College", "GB-SCT", "SCQF"}, {"Tayside Institute", "GB-SCT", "SCQF"},
            {"Pennine University", "GB-ENG", "FHEQ"}, {"Thames Digital Academy", "GB-ENG", "FHEQ"},
            {"Severn Business School", "GB-ENG", "FHEQ"}, {"Northgate University", "GB-ENG", "FHEQ"},
            {"Delta University of Technology", "NL", "ECTS"}, {"Amstel Applied Sciences", "NL", "ECTS"},
            {"Rhein-Main Hochschule", "DE", "ECTS"}, {"Akademie Nordwest", "DE", "ECTS"},
            {"Liffey Institute", "IE", "ECTS"}, {"Ecole Numerique de Lyon", "FR", "ECTS"},
            {"Oresund Academy", "DK", "ECTS"}, {"Saimaa Open University", "FI", "ECTS"},
            {"Universidad Abierta", "ES", "ECTS"}, {"Politecnico del Lago", "IT", "ECTS"},
            {"Vistula University", "PL", "ECTS"}, {"Baltic Open College", "FI", "ECTS"}};
    private static final String[] SUBJECTS = {"data-science", "data-science", "statistics", "research-methods",
            "machine-learning", "business", "marketing", "finance", "sustainability", "computing", "education", "health"};
    private static final BigDecimal EUR_IN_GBP = new BigDecimal("0.86");

    private final long seed;

    public CatalogueGenerator(long seed) {
        this.seed = seed;
    }

    /** A catalogue of {@code size} items, costed in pounds. */
    public Catalogue catalogue(int size) {
        Random r = new Random(seed);
        List<CatalogueItem> items = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String[] p = PROVIDERS[r.nextInt(PROVIDERS.length)];
            CreditSystem system = CreditSystem.valueOf(p[2]);
            int scqfLevel = 7 + r.nextInt(5);
            if (r.nextInt(3) == 0) {
                scqfLevel = 11;
            }
            StatedLevel level = switch (system) {
                case SCQF -> new StatedLevel(LevelFramework.SCQF, scqfLevel);
                case FHEQ -> new StatedLevel(LevelFramework.FHEQ, Math.min(7, scqfLevel - 4));
                default -> new StatedLevel(LevelFramework.EQF, Math.min(7, Math.max(5, scqfLevel - 4)));
            };
            int points = new int[]{10, 15, 15, 20, 30}[r.nextInt(5)];
            BigDecimal value = system == CreditSystem.ECTS ? BigDecimal.valueOf(points).divide(BigDecimal.valueOf(2))
                    : BigDecimal.valueOf(points);
            BigDecimal hours = BigDecimal.valueOf(points * 10L);
            String subject = SUBJECTS[r.nextInt(SUBJECTS.length)];
            List<String> subjects = r.nextInt(5) == 0 ? List.of(subject, SUBJECTS[r.nextInt(SUBJECTS.length)])
                    .stream().distinct().toList() : List.of(subject);
            String id = String.format("g%05d", i);
            boolean home = p[0].equals(PROVIDERS[0][0]);
            Credential c = new Credential(id, id.toUpperCase(), subject + " course " + i, p[0], p[1], null,
                    new StatedCredit(value, system), level, hours, Assessment.SUMMATIVE,
                    Participation.values()[r.nextInt(3)], r.nextInt(8) == 0 ? QualityAssurance.INTERNAL
                    : QualityAssurance.EXTERNAL, r.nextInt(10) != 0, subjects, List.of("An assessed outcome"), null,
                    home ? Route.TAUGHT : Route.TRANSFER, null, null);
            boolean euro = system == CreditSystem.ECTS;
            BigDecimal amount = BigDecimal.valueOf((points * (60 + r.nextInt(80))) / 5 * 5L);
            BigDecimal price = euro ? amount.multiply(EUR_IN_GBP).setScale(2, RoundingMode.HALF_EVEN)
                    : amount.setScale(2, RoundingMode.UNNECESSARY);
            List<String> prerequisites = i > 0 && r.nextInt(20) == 0
                    ? List.of(items.get(r.nextInt(items.size())).id()) : List.of();
            List<LocalDate> starts = r.nextInt(4) == 0 ? List.of(LocalDate.of(2027, 1 + r.nextInt(12), 1)) : List.of();
            items.add(new CatalogueItem(c, new Cost(amount, euro ? "EUR" : "GBP"), price, 4 + r.nextInt(12), starts,
                    c.participation(), prerequisites));
        }
        return new Catalogue("generated-" + size, "GBP", items);
    }
}
