package org.accrue.allocation;

import org.accrue.allocation.Allocator.Allocation;
import org.accrue.allocation.Allocator.Candidate;
import org.accrue.allocation.Allocator.LevelNeed;
import org.accrue.allocation.Allocator.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The allocation search against an exhaustive oracle on generated problems, plus the cases a greedy
 * allocation gets wrong.
 */
class AllocatorTest {
    static final int G = Allocator.GENERAL;

    static Candidate c(String id, int points, int level, List<Integer> options, List<Integer> caps) {
        return new Candidate(id, BigDecimal.valueOf(points), level, options, caps);
    }

    static BigDecimal d(int v) {
        return BigDecimal.valueOf(v);
    }

    @Test
    void greedyTrap() {
        // pools: 0 = core (30), 1 = methods (15); A fits both, B and C only core
        Problem p = new Problem(List.of(d(30), d(15)), List.of(0, 0), d(45), List.of(), List.of(), List.of(
                c("A", 15, 11, List.of(0, 1), List.of()),
                c("B", 15, 11, List.of(0), List.of()),
                c("C", 15, 11, List.of(0), List.of())));
        Allocation a = Allocator.solve(p);
        assertTrue(a.meetsAll());
        assertEquals(Map.of("A", 1, "B", 0, "C", 0), a.assignment());
    }

    @Test
    void aCapLeavesOutTheCreditThatMattersLeast() {
        // cap 0: at most 20 points; X (capped) is the only one for pool 0, Y (capped) is general
        Problem p = new Problem(List.of(d(20)), List.of(0), d(40), List.of(), List.of(d(20)), List.of(
                c("X", 20, 9, List.of(0, G), List.of(0)),
                c("Y", 20, 9, List.of(G), List.of(0)),
                c("Z", 20, 9, List.of(G), List.of())));
        Allocation a = Allocator.solve(p);
        assertTrue(a.meetsAll());
        assertEquals(Map.of("X", 0, "Z", G), a.assignment());
    }

    @Test
    void shortfallIsTheSumOfWhatEachMinimumLacks() {
        Problem p = new Problem(List.of(d(30)), List.of(0), d(60), List.of(new LevelNeed(11, d(40))), List.of(), List.of(
                c("A", 15, 11, List.of(0, G), List.of())));
        Allocation a = Allocator.solve(p);
        assertFalse(a.meetsAll());
        assertEquals(0, a.shortfall().compareTo(d(15 + 45 + 25)));
    }

    @Test
    void aRequirementCanNeedANumberOfCredentials() {
        // pool 0 needs one credential whatever its points; only B may fill it
        Problem p = new Problem(List.of(d(0)), List.of(1), d(20), List.of(), List.of(), List.of(
                c("A", 20, 9, List.of(G), List.of()),
                c("B", 5, 9, List.of(0, G), List.of())));
        Allocation a = Allocator.solve(p);
        assertTrue(a.meetsAll());
        assertEquals(0, a.assignment().get("B"));
        Problem none = new Problem(List.of(d(0)), List.of(1), d(20), List.of(), List.of(), List.of(
                c("A", 20, 9, List.of(G), List.of())));
        assertEquals(0, Allocator.solve(none).shortfall().compareTo(BigDecimal.ONE));
    }

    @Test
    void theSameModuleRecordedTwiceCountsOnceTowardANumberOfModules() {
        // "at least 2 of these modules": M1 twice and nothing else is one module
        Problem p = new Problem(List.of(d(0)), List.of(2), null, List.of(), List.of(), List.of(
                new Candidate("A", d(15), 11, List.of(0, G), List.of(), "M1", List.of()),
                new Candidate("B", d(15), 11, List.of(0, G), List.of(), "M1", List.of())));
        assertEquals(0, Allocator.solve(p).shortfall().compareTo(BigDecimal.ONE));
        List<Candidate> more = new ArrayList<>(p.candidates());
        more.add(new Candidate("C", d(15), 11, List.of(0, G), List.of(), "M2", List.of()));
        assertTrue(Allocator.solve(new Problem(List.of(d(0)), List.of(2), null, List.of(), List.of(), more)).meetsAll());
    }

    @Test
    void differentAwardingBodiesAreCountedOverWhatCounts() {
        // the award needs credit from two bodies; the cap of 15 leaves room for one capped credential only, so the
        // search must choose the one from the other body
        Problem p = new Problem(List.of(), List.of(), d(30), List.of(), List.of(d(15)), List.of(
                new Candidate("A", d(15), 11, List.of(G), List.of(), null, List.of("glasgow")),
                new Candidate("B", d(15), 11, List.of(G), List.of(0), null, List.of("glasgow")),
                new Candidate("C", d(15), 11, List.of(G), List.of(0), null, List.of("delft"))),
                List.of(new Allocator.BodyNeed(G, 2)));
        Allocation a = Allocator.solve(p);
        assertTrue(a.meetsAll(), a::toString);
        assertEquals(Map.of("A", G, "C", G), a.assignment());
        Problem one = new Problem(List.of(), List.of(), d(30), List.of(), List.of(), List.of(
                new Candidate("A", d(15), 11, List.of(G), List.of(), null, List.of("glasgow")),
                new Candidate("B", d(15), 11, List.of(G), List.of(), null, List.of("glasgow"))),
                List.of(new Allocator.BodyNeed(G, 2)));
        assertEquals(0, Allocator.solve(one).shortfall().compareTo(BigDecimal.ONE));
    }

    @Test
    void decimalPointsAreExact() {
        Problem p = new Problem(List.of(), List.of(), new BigDecimal("10"), List.of(), List.of(), List.of(
                new Candidate("A", new BigDecimal("4.5"), 9, List.of(G), List.of()),
                new Candidate("B", new BigDecimal("5.25"), 9, List.of(G), List.of())));
        assertEquals(0, Allocator.solve(p).shortfall().compareTo(new BigDecimal("0.25")));
    }

    static List<Long> seeds() {
        return LongStream.range(0, 400).boxed().toList();
    }

    /** On generated problems the search finds the least shortfall an exhaustive enumeration finds. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void matchesExhaustiveSearch(long seed) {
        Problem p = generate(new Random(seed));
        Allocation a = Allocator.solve(p);
        long oracle = exhaustiveLeastShortfall(p);
        assertEquals(oracle, a.shortfall().longValueExact(), () -> p.toString());
        assertEquals(a.shortfall().longValueExact(), shortfallOf(p, a.assignment()), "the reported shortfall is the allocation's");
    }

    /** The verdict does not depend on the order the candidates come in. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void verdictIsIndependentOfCandidateOrder(long seed) {
        Random random = new Random(seed);
        Problem p = generate(random);
        List<Candidate> shuffled = new ArrayList<>(p.candidates());
        Collections.shuffle(shuffled, random);
        Problem q = new Problem(p.requirementNeeds(), p.requirementCountNeeds(), p.totalNeed(), p.levelNeeds(), p.capMaxima(),
                shuffled, p.bodyNeeds());
        assertEquals(Allocator.solve(p).shortfall(), Allocator.solve(q).shortfall());
    }

    /** Adding a candidate never makes the shortfall larger. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void moreCandidatesNeverHurt(long seed) {
        Random random = new Random(seed);
        Problem p = generate(random);
        List<Candidate> more = new ArrayList<>(p.candidates());
        more.add(candidate(random, "extra", p.requirementNeeds().size(), p.capMaxima().size()));
        Problem q = new Problem(p.requirementNeeds(), p.requirementCountNeeds(), p.totalNeed(), p.levelNeeds(), p.capMaxima(),
                more, p.bodyNeeds());
        assertTrue(Allocator.solve(q).shortfall().compareTo(Allocator.solve(p).shortfall()) <= 0);
    }

    static Problem generate(Random r) {
        int pools = r.nextInt(4);
        int caps = r.nextInt(3);
        List<BigDecimal> requirementNeeds = new ArrayList<>();
        List<Integer> countNeeds = new ArrayList<>();
        for (int i = 0; i < pools; i++) {
            boolean byCount = r.nextInt(4) == 0;
            requirementNeeds.add(byCount ? d(0) : d(5 * r.nextInt(8)));
            countNeeds.add(byCount ? 1 + r.nextInt(2) : 0);
        }
        List<LevelNeed> levels = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            levels.add(new LevelNeed(7 + r.nextInt(6), d(5 * r.nextInt(10))));
        }
        List<BigDecimal> capMax = new ArrayList<>();
        for (int i = 0; i < caps; i++) {
            capMax.add(d(5 * r.nextInt(8)));
        }
        List<Candidate> candidates = new ArrayList<>();
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
            candidates.add(candidate(r, "C" + i, pools, caps));
        }
        BigDecimal total = r.nextBoolean() ? null : d(5 * r.nextInt(16));
        List<Allocator.BodyNeed> bodies = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            bodies.add(new Allocator.BodyNeed(pools == 0 || r.nextBoolean() ? G : r.nextInt(pools), 1 + r.nextInt(3)));
        }
        return new Problem(requirementNeeds, countNeeds, total, levels, capMax, candidates, bodies);
    }

    static Candidate candidate(Random r, String id, int pools, int caps) {
        List<Integer> options = new ArrayList<>();
        for (int p = 0; p < pools; p++) {
            if (r.nextInt(3) == 0) {
                options.add(p);
            }
        }
        if (options.isEmpty() || r.nextBoolean()) {
            options.add(G);
        }
        List<Integer> capped = new ArrayList<>();
        for (int k = 0; k < caps; k++) {
            if (r.nextInt(3) == 0) {
                capped.add(k);
            }
        }
        // a few modules and bodies, so that the same module recorded twice and shared bodies are common
        String group = r.nextInt(3) == 0 ? null : "M" + r.nextInt(3);
        List<String> bodies = new ArrayList<>();
        for (int b = r.nextInt(3); b > 0; b--) {
            bodies.add("B" + r.nextInt(4));
        }
        return new Candidate(id, BigDecimal.valueOf(5 * (1 + r.nextInt(6))), r.nextInt(13), options, capped, group,
                bodies);
    }

    /** Tries every assignment: each candidate left out or given any of its options. */
    static long exhaustiveLeastShortfall(Problem p) {
        return enumerate(p, 0, new java.util.HashMap<>());
    }

    private static long enumerate(Problem p, int i, Map<String, Integer> chosen) {
        if (i == p.candidates().size()) {
            return capsHold(p, chosen) ? shortfallOf(p, chosen) : Long.MAX_VALUE;
        }
        Candidate c = p.candidates().get(i);
        long best = enumerate(p, i + 1, chosen);
        for (int option : c.options()) {
            chosen.put(c.id(), option);
            best = Math.min(best, enumerate(p, i + 1, chosen));
            chosen.remove(c.id());
        }
        return best;
    }

    static boolean capsHold(Problem p, Map<String, Integer> chosen) {
        for (int k = 0; k < p.capMaxima().size(); k++) {
            long used = 0;
            for (Candidate c : p.candidates()) {
                if (chosen.containsKey(c.id()) && c.caps().contains(k)) {
                    used += c.points().longValueExact();
                }
            }
            if (used > p.capMaxima().get(k).longValueExact()) {
                return false;
            }
        }
        return true;
    }

    static long shortfallOf(Problem p, Map<String, Integer> chosen) {
        long shortfall = 0;
        long total = 0;
        long[] pool = new long[p.requirementNeeds().size()];
        long[] count = new long[p.requirementNeeds().size()];
        List<java.util.Set<String>> modules = new ArrayList<>();
        for (int i = 0; i < count.length; i++) {
            modules.add(new java.util.HashSet<>());
        }
        List<java.util.Set<String>> bodies = new ArrayList<>();
        for (int b = 0; b < p.bodyNeeds().size(); b++) {
            bodies.add(new java.util.HashSet<>());
        }
        long[] level = new long[p.levelNeeds().size()];
        for (Candidate c : p.candidates()) {
            Integer o = chosen.get(c.id());
            if (o == null) {
                continue;
            }
            assertTrue(c.options().contains(o), "an assignment uses only the candidate's options");
            long pts = c.points().longValueExact();
            total += pts;
            if (o >= 0) {
                pool[o] += pts;
                // a requirement of a number of credentials counts distinct modules
                if (c.group() == null || modules.get(o).add(c.group())) {
                    count[o]++;
                }
            }
            for (int b = 0; b < p.bodyNeeds().size(); b++) {
                int r = p.bodyNeeds().get(b).requirement();
                if (r == G || r == o) {
                    bodies.get(b).addAll(c.bodies());
                }
            }
            for (int l = 0; l < level.length; l++) {
                if (c.scqfLevel() > 0 && c.scqfLevel() >= p.levelNeeds().get(l).scqfLevel()) {
                    level[l] += pts;
                }
            }
        }
        assertTrue(capsHold(p, chosen), "an assignment respects every cap");
        for (int i = 0; i < pool.length; i++) {
            shortfall += Math.max(0, p.requirementNeeds().get(i).longValueExact() - pool[i]);
            shortfall += Math.max(0, p.requirementCountNeeds().get(i) - count[i]); // a missing credential weighs a point
        }
        if (p.totalNeed() != null) {
            shortfall += Math.max(0, p.totalNeed().longValueExact() - total);
        }
        for (int b = 0; b < p.bodyNeeds().size(); b++) {
            shortfall += Math.max(0, p.bodyNeeds().get(b).need() - bodies.get(b).size()); // a missing body weighs a point
        }
        for (int l = 0; l < level.length; l++) {
            shortfall += Math.max(0, p.levelNeeds().get(l).need().longValueExact() - level[l]);
        }
        return shortfall;
    }
}
