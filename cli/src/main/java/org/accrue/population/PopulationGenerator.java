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

    /** Distinct courses the learners' credentials are drawn from, unless a size is given. */
    public static final int DEFAULT_CATALOGUE = 3_000;

    private final long seed;
    private final LocalDate today;
    private final int catalogue;

    /** Learners holding courses of a catalogue of {@link #DEFAULT_CATALOGUE} courses. */
    public PopulationGenerator(long seed, LocalDate today) {
        this(seed, today, DEFAULT_CATALOGUE);
    }

    /**
     * @param today     the date issue dates count back from, so that the same seed gives the same population on
     *                  any day
     * @param catalogue how many distinct courses there are, shared by the learners who hold them (each holder with
     *                  their own issue date, route and identity check), as in a registry where thousands hold the
     *                  same course from the same provider; 0 for a population in which every credential is a course
     *                  of its own
     */
    public PopulationGenerator(long seed, LocalDate today, int catalogue) {
        if (catalogue < 0) {
            throw new IllegalArgumentException("a catalogue of " + catalogue + " courses");
        }
        this.seed = seed;
        this.today = today;
        this.catalogue = catalogue;
    }

    /** Learner number {@code n} (from 1) as a learner-record tree. */
    public ObjectNode learner(long n) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + n);
        ObjectNode learner = JSON.objectNode();
        learner.putObject("learner").put("id", String.format("G-%08d", n)).put("name", "Generated Learner " + n);
        ArrayNode credentials = learner.putArray("credentials");
        int profile = r.nextInt(100);
        Kind kind = profile < 40 ? Kind.STACKER : profile < 65 ? Kind.POSTGRADUATE : profile < 85 ? Kind.UNDERGRADUATE
                : Kind.EUROPEAN;
        int n0 = kind.least + r.nextInt(kind.most - kind.least + 1);
        java.util.Set<Long> holds = new java.util.HashSet<>();
        for (int i = 0; i < n0; i++) {
            // an undergraduate's years climb the levels; the others' courses are at any of theirs
            int level = kind == Kind.UNDERGRADUATE ? 7 + Math.min(i, 3) : 0;
            ObjectNode c = credentials.addObject();
            c.put("id", "C" + (i + 1));
            if (catalogue == 0) {
                course(r, c, kind, level, i);
            } else {
                // the catalogue's courses of this kind (and level), each the same for every learner who holds it
                int size = Math.max(1, catalogue * kind.share / 100 / (kind == Kind.UNDERGRADUATE ? 4 : 1));
                int k = r.nextInt(size);
                // one learner holds a course once (unless the catalogue is too small to give them another)
                for (int tries = 0; !holds.add(((long) level << 32) + k) && tries < 64; tries++) {
                    k = r.nextInt(size);
                }
                course(new SplittableRandom(seed * 0xC2B2AE3D27D4EB4FL + ((long) kind.ordinal() << 40)
                        + ((long) level << 32) + k), c, kind, level, k);
                c.put("code", kind.prefix + (level == 0 ? "" : Integer.toString(level)) + "-" + (1000 + k));
            }
            held(r, c, kind.years);
        }
        return learner;
    }

    /** The four kinds of learner, their share of the catalogue, how many credentials and how old. */
    private enum Kind {
        /** 2-6 short courses at SCQF 10-11, 10-20 points, mostly data science. */
        STACKER("Short course", "SC", 40, 2, 6, 6),
        /** 3-9 taught modules at SCQF 11 (some 10), 15-30 points. */
        POSTGRADUATE("Postgraduate module", "PG", 25, 3, 9, 5),
        /** 1-5 chunks of undergraduate study, 30-120 points at SCQF 7-10, or FHEQ 4-6. */
        UNDERGRADUATE("Undergraduate year", "UG", 20, 1, 5, 8),
        /** 2-6 European micro-credentials in ECTS at EQF 5-7. */
        EUROPEAN("Micro-credential", "EU", 15, 2, 6, 4);

        final String title;
        final String prefix;
        final int share;
        final int least;
        final int most;
        final int years;

        Kind(String title, String prefix, int share, int least, int most, int years) {
            this.title = title;
            this.prefix = prefix;
            this.share = share;
            this.least = least;
            this.most = most;
            this.years = years;
        }
    }

    /** What a course is, whoever holds it: provider, code, title, credit, level, hours, subjects, assessment. */
    private void course(SplittableRandom r, ObjectNode c, Kind kind, int level, int number) {
        int body = r.nextInt(BODIES.length);
        c.put("code", "M" + (1000 + r.nextInt(9000)));
        c.put("title", kind.title + " " + (number + 1));
        c.put("awardingBody", BODIES[body]);
        c.put("country", COUNTRIES[body]);
        switch (kind) {
            case STACKER -> {
                scqf(c, pick(r, 10, 15, 15, 15, 20), 10 + (r.nextInt(4) == 0 ? 0 : 1));
                c.put("hours", 100 + r.nextInt(6) * 10);
                subjects(r, c, STACKER_SUBJECTS, 1 + r.nextInt(2));
            }
            case POSTGRADUATE -> {
                scqf(c, pick(r, 15, 15, 20, 30), r.nextInt(5) == 0 ? 10 : 11);
                subjects(r, c, STACKER_SUBJECTS, 1);
            }
            case UNDERGRADUATE -> {
                if (r.nextInt(4) == 0) {
                    c.putObject("credit").put("value", pick(r, 60, 120)).put("system", "FHEQ");
                    c.putObject("level").put("framework", "FHEQ").put("value", Math.min(level - 3, 6));
                } else {
                    scqf(c, pick(r, 30, 60, 120, 120), level);
                }
            }
            case EUROPEAN -> {
                c.putObject("credit").put("value", new BigDecimal(pick(r, 3, 5, 5, 6, 10)).add(r.nextInt(4) == 0
                        ? new BigDecimal("0.5") : BigDecimal.ZERO)).put("system", "ECTS");
                c.putObject("level").put("framework", "EQF").put("value", 5 + r.nextInt(3));
                c.put("hours", 75 + r.nextInt(12) * 10);
                subjects(r, c, STACKER_SUBJECTS, 1);
            }
        }
        c.put("assessment", r.nextInt(25) == 0 ? "formative" : "summative");
        c.put("participation", pick(r, "online", "online", "onsite", "blended"));
        c.put("qualityAssurance", r.nextInt(30) == 0 ? "none" : r.nextInt(3) == 0 ? "internal" : "external");
        c.putArray("outcomes").add("Outcome of " + c.get("title").asText());
    }

    /** What is the holder's own: the issue date within {@code years}, the identity check, the route. */
    private void held(SplittableRandom r, ObjectNode c, int years) {
        c.put("issued", today.minusDays(r.nextInt(years * 365)).toString());
        c.put("identityVerified", r.nextInt(4) != 0);
        int route = r.nextInt(10);
        c.put("route", route < 7 ? "taught" : route < 9 ? "transfer" : "rpl");
    }

    private static void scqf(ObjectNode c, int points, int level) {
        c.putObject("credit").put("value", points).put("system", "SCQF");
        c.putObject("level").put("framework", "SCQF").put("value", level);
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
