package org.accrue.completion;

import org.accrue.allocation.Allocator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The completion search against every subset of the offers, judged by the allocation search: for awards that count
 * distinct modules and different awarding bodies (the minimums it tracks by set), as well as points, levels and
 * caps, its best plan is exactly the least costly subset that lets the allocation meet every minimum (ties: fewer
 * items, then ids in order), and it finds none exactly when no subset does.
 */
class CompletionSearchTest {
    static List<Long> seeds() {
        return LongStream.range(0, 500).boxed().toList();
    }

    /** A plan; no plan; a plan that counting credit alone would get wrong; a body minimum with joint credentials. */
    static final int[] COVERED = new int[4];

    @org.junit.jupiter.api.AfterAll
    static void theCasesCoveredEachKind() {
        assertTrue(COVERED[0] >= 50 && COVERED[1] >= 20 && COVERED[2] >= 10 && COVERED[3] >= 10,
                "plans " + COVERED[0] + ", none " + COVERED[1] + ", distinctness decisive " + COVERED[2]
                        + ", joint credentials under a body minimum " + COVERED[3]);
    }

    record Case(Allocator.Problem problem, Map<String, CompletionSearch.Offer> offers, List<String> offered) {
    }

    static Case draw(Random random) {
        int named = 1 + random.nextInt(2);
        List<BigDecimal> pointNeeds = new ArrayList<>();
        List<Integer> countNeeds = new ArrayList<>();
        for (int r = 0; r < named; r++) {
            pointNeeds.add(BigDecimal.valueOf(5L * random.nextInt(5)));
            countNeeds.add(random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(3));
        }
        BigDecimal total = BigDecimal.valueOf(10L * random.nextInt(7));
        List<Allocator.LevelNeed> levels = random.nextBoolean() ? List.of()
                : List.of(new Allocator.LevelNeed(11, BigDecimal.valueOf(10L * random.nextInt(4))));
        List<BigDecimal> caps = random.nextInt(3) == 0 ? List.of(BigDecimal.valueOf(10L + 10L * random.nextInt(3)))
                : List.of();
        List<Allocator.BodyNeed> bodyNeeds = new ArrayList<>();
        int bodyMinimums = random.nextInt(3);
        for (int b = 0; b < bodyMinimums; b++) {
            bodyNeeds.add(new Allocator.BodyNeed(random.nextBoolean() ? Allocator.GENERAL : random.nextInt(named),
                    1 + random.nextInt(3)));
        }
        String[] bodies = {"aberdeen", "delft", "bremen", "utrecht"};
        int held = random.nextInt(4);
        int offers = 3 + random.nextInt(7);
        List<Allocator.Candidate> candidates = new ArrayList<>();
        Map<String, CompletionSearch.Offer> offered = new HashMap<>();
        List<String> offeredIds = new ArrayList<>();
        for (int i = 0; i < held + offers; i++) {
            String id = (i < held ? "h" : "o") + i;
            List<Integer> options = new ArrayList<>();
            for (int r = 0; r < named; r++) {
                if (random.nextInt(3) > 0) {
                    options.add(r);
                }
            }
            if (random.nextBoolean() || options.isEmpty()) {
                options.add(Allocator.GENERAL);
            }
            List<Integer> capsOf = !caps.isEmpty() && random.nextInt(3) == 0 ? List.of(0) : List.of();
            String group = "m" + random.nextInt(held + offers - 1); // some modules twice
            List<String> from = new ArrayList<>(List.of(bodies[random.nextInt(bodies.length)]));
            if (random.nextInt(6) == 0) {
                from.add(bodies[random.nextInt(bodies.length)]); // a joint award
            }
            candidates.add(new Allocator.Candidate(id, BigDecimal.valueOf(5L * (1 + random.nextInt(4))),
                    10 + random.nextInt(2), options, capsOf, group, from));
            if (i >= held) {
                long price = 100L * (1 + random.nextInt(3));
                offered.put(id, new CompletionSearch.Offer(price, price));
                offeredIds.add(id);
            }
        }
        return new Case(new Allocator.Problem(pointNeeds, countNeeds, total, levels, caps, candidates, bodyNeeds),
                offered, offeredIds);
    }

    static boolean meets(Case c, List<String> chosen, boolean distinct) {
        List<Allocator.Candidate> with = c.problem().candidates().stream()
                .filter(x -> !c.offers().containsKey(x.id()) || chosen.contains(x.id()))
                .map(x -> distinct ? x : new Allocator.Candidate(x.id(), x.points(), x.scqfLevel(), x.options(), x.caps()))
                .toList();
        Allocator.Problem p = c.problem();
        return Allocator.solve(new Allocator.Problem(p.requirementNeeds(), p.requirementCountNeeds(), p.totalNeed(),
                p.levelNeeds(), p.capMaxima(), with, distinct ? p.bodyNeeds() : List.of())).meetsAll();
    }

    /** The least costly subset meeting the award (ties: fewer items, then ids in order), or null. */
    static List<String> oracle(Case c, boolean distinct) {
        List<String> best = null;
        long bestCost = Long.MAX_VALUE;
        int n = c.offered().size();
        Comparator<List<String>> byIds = (a, b) -> {
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                int x = a.get(i).compareTo(b.get(i));
                if (x != 0) {
                    return x;
                }
            }
            return Integer.compare(a.size(), b.size());
        };
        for (int mask = 0; mask < 1 << n; mask++) {
            List<String> chosen = new ArrayList<>();
            long cost = 0;
            for (int i = 0; i < n; i++) {
                if ((mask >> i & 1) != 0) {
                    chosen.add(c.offered().get(i));
                    cost += c.offers().get(c.offered().get(i)).objective();
                }
            }
            chosen.sort(Comparator.naturalOrder());
            boolean better = best == null || cost < bestCost || cost == bestCost && (chosen.size() < best.size()
                    || chosen.size() == best.size() && byIds.compare(chosen, best) < 0);
            if (better && meets(c, chosen, distinct)) {
                best = chosen;
                bestCost = cost;
            }
        }
        return best;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theBestPlanIsTheLeastCostlySubsetThatMeetsEveryMinimum(long seed) {
        Case c = draw(new Random(seed));
        List<String> expected = oracle(c, true);
        CompletionSearch.Outcome found = CompletionSearch.search(new CompletionSearch.Input(c.problem(), c.offers(),
                Map.of(), -1, 0));
        if (expected == null) {
            assertTrue(found.plans().isEmpty(), "no subset meets the award, the search found " + found.plans());
            COVERED[1]++;
            return;
        }
        assertTrue(!found.plans().isEmpty(), "the search found no plan; the best is " + expected);
        assertEquals(expected, found.plans().get(0).ids(), "seed " + seed);
        COVERED[0]++;
        List<String> byCredit = oracle(c, false);
        if (!expected.equals(byCredit)) {
            COVERED[2]++; // counting credit alone would have chosen another plan
        }
        if (!c.problem().bodyNeeds().isEmpty() && c.problem().candidates().stream().anyMatch(x -> x.bodies().size() > 1)) {
            COVERED[3]++;
        }
    }
}
