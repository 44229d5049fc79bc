package org.accrue.population;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Learners whose credentials follow plausible distributions, so that a realistic share is eligible for each
 * shipped award: short-course stackers aiming at a PG Certificate, postgraduates with taught modules, students
 * transferring years of undergraduate study, and European learners with ECTS micro-credentials. Learner
 * {@code n} of seed {@code s} is always the same learner, whatever else is generated.
 */
public final class PopulationGenerator {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String[] STACKER_SUBJECTS = {"data-science", "data-science", "statistics",
            "research-methods", "machine-learning", "ethics", "visualisation"};
    private static final String[] BODIES = {"University of Edinburgh", "University of Glasgow",
            "University of Aberdeen", "Heriot-Watt University", "University of Stirling", "TU Delft",
            "Aalto University", "Open University", "University of Dundee"};
    private static final String[] COUNTRIES = {"GB-SCT", "GB-SCT", "GB-SCT", "GB-SCT", "GB-SCT", "NL", "FI",
            "GB-ENG", "GB-SCT"};

    private final long seed;
    private final LocalDate today;

    /**
     * @param today the date issue dates count back from, so that the same seed gives the same population on
     *              any day
     */
    public PopulationGenerator(long seed, LocalDate today) {
        this.seed = seed;
        this.today = today;
    }

    /** Learner number {@code n} (from 1) as a learner-record tree. */
    public ObjectNode learner(long n) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + n);
        ObjectNode learner = JSON.objectNode();
        learner.putObject("learner").put("id", String.format("G-%08d", n)).put("name", "Generated Learner " + n);
        ArrayNode credentials = learner.putArray("credentials");
        int profile = r.nextInt(100);
        if (profile < 40) {
            stacker(r, credentials);
        } else if (profile < 65) {
            postgraduate(r, credentials);
        } else if (profile < 85) {
            undergraduate(r, credentials);
        } else {
            european(r, credentials);
        }
        return learner;
    }

    /** 2-6 short courses at SCQF 10-11, 10-20 points, mostly data science. */
    private void stacker(SplittableRandom r, ArrayNode out) {
        int n = 2 + r.nextInt(5);
        for (int i = 0; i < n; i++) {
            ObjectNode c = credential(r, out, i, "Short course");
            scqf(c, pick(r, 10, 15, 15, 15, 20), 10 + (r.nextInt(4) == 0 ? 0 : 1));
            c.put("hours", 100 + r.nextInt(6) * 10);
            subjects(r, c, STACKER_SUBJECTS, 1 + r.nextInt(2));
            common(r, c, 6);
        }
    }

    /** 3-9 taught modules at SCQF 11 (some 10), 15-30 points. */
    private void postgraduate(SplittableRandom r, ArrayNode out) {
        int n = 3 + r.nextInt(7);
        for (int i = 0; i < n; i++) {
            ObjectNode c = credential(r, out, i, "Postgraduate module");
            scqf(c, pick(r, 15, 15, 20, 30), r.nextInt(5) == 0 ? 10 : 11);
            subjects(r, c, STACKER_SUBJECTS, 1);
            common(r, c, 5);
        }
    }

    /** 1-5 chunks of undergraduate study, 30-120 points at SCQF 7-10, or FHEQ 4-6. */
    private void undergraduate(SplittableRandom r, ArrayNode out) {
        int n = 1 + r.nextInt(5);
        for (int i = 0; i < n; i++) {
            ObjectNode c = credential(r, out, i, "Undergraduate year");
            int level = 7 + Math.min(i, 3);
            if (r.nextInt(4) == 0) {
                c.putObject("credit").put("value", pick(r, 60, 120)).put("system", "FHEQ");
                c.putObject("level").put("framework", "FHEQ").put("value", Math.min(level - 3, 6));
            } else {
                scqf(c, pick(r, 30, 60, 120, 120), level);
            }
            common(r, c, 8);
        }
    }

    /** 2-6 European micro-credentials in ECTS at EQF 5-7. */
    private void european(SplittableRandom r, ArrayNode out) {
        int n = 2 + r.nextInt(5);
        for (int i = 0; i < n; i++) {
            ObjectNode c = credential(r, out, i, "Micro-credential");
            c.putObject("credit").put("value", new BigDecimal(pick(r, 3, 5, 5, 6, 10)).add(r.nextInt(4) == 0
                    ? new BigDecimal("0.5") : BigDecimal.ZERO)).put("system", "ECTS");
            c.putObject("level").put("framework", "EQF").put("value", 5 + r.nextInt(3));
            c.put("hours", 75 + r.nextInt(12) * 10);
            subjects(r, c, STACKER_SUBJECTS, 1);
            common(r, c, 4);
        }
    }

    private ObjectNode credential(SplittableRandom r, ArrayNode out, int i, String kind) {
        ObjectNode c = out.addObject();
        c.put("id", "C" + (i + 1));
        int body = r.nextInt(BODIES.length);
        c.put("code", "M" + (1000 + r.nextInt(9000)));
        c.put("title", kind + " " + (i + 1));
        c.put("awardingBody", BODIES[body]);
        c.put("country", COUNTRIES[body]);
        return c;
    }

    private static void scqf(ObjectNode c, int points, int level) {
        c.putObject("credit").put("value", points).put("system", "SCQF");
        c.putObject("level").put("framework", "SCQF").put("value", level);
    }

    /** Issue date within {@code years}, assessment, quality assurance, participation, route, outcomes. */
    private void common(SplittableRandom r, ObjectNode c, int years) {
        c.put("issued", today.minusDays(r.nextInt(years * 365)).toString());
        c.put("assessment", r.nextInt(25) == 0 ? "formative" : "summative");
        c.put("participation", pick(r, "online", "online", "onsite", "blended"));
        c.put("qualityAssurance", r.nextInt(30) == 0 ? "none" : r.nextInt(3) == 0 ? "internal" : "external");
        c.put("identityVerified", r.nextInt(4) != 0);
        c.putArray("outcomes").add("Outcome of " + c.get("title").asText());
        int route = r.nextInt(10);
        c.put("route", route < 7 ? "taught" : route < 9 ? "transfer" : "rpl");
    }

    private static void subjects(SplittableRandom r, ObjectNode c, String[] from, int n) {
        ArrayNode s = c.putArray("subjects");
        for (int i = 0; i < n; i++) {
            String subject = from[r.nextInt(from.length)];
            boolean seen = false;
            for (var x : s) {
                seen |= x.asText().equals(subject);
            }
            if (!seen) {
                s.add(subject);
            }
        }
    }

    private static int pick(SplittableRandom r, int... values) {
        return values[r.nextInt(values.length)];
    }

    private static String pick(SplittableRandom r, String... values) {
        return values[r.nextInt(values.length)];
    }
}
