package org.accrue.planning;

import org.accrue.RuleSet;
import org.accrue.learner.Credential;
import org.accrue.learner.LearnerRecord;
import org.accrue.result.EvaluationResult;
import org.accrue.vocabulary.Award;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The planner against brute force: on random small catalogues (up to 14 items) and random learners, every subset of
 * the items is evaluated by the rule set itself (the learner with the subset added, as any learner is evaluated),
 * and for every shipped award and every objective the best eligible subset, and the next best minimal ones, must be
 * exactly the planner's plan and alternatives. Prices are drawn from few values so that ties, and the tie-break
 * by fewer items and then by ids, are exercised.
 */
class PlanExhaustiveTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);
    static RuleSet rules;

    @BeforeAll
    static void load() {
        rules = PlanningFixtures.rules();
    }

    static List<Long> seeds() {
        return LongStream.range(0, 60).boxed().toList();
    }

    /** What the cases covered, so that a generator gone dull (never a plan, never a tie) is noticed. */
    static final java.util.concurrent.atomic.AtomicIntegerArray COVERED = new java.util.concurrent.atomic.AtomicIntegerArray(5);
    static final String[] COVERAGE = {"a plan", "no plan", "eligible now", "an alternative", "a prerequisite in a plan"};

    @org.junit.jupiter.api.AfterAll
    static void casesCoveredEveryKindOfAnswer() {
        for (int i = 0; i < COVERAGE.length; i++) {
            assertTrue(COVERED.get(i) >= 5, "only " + COVERED.get(i) + " cases with " + COVERAGE[i]);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void planIsTheBestOfEverySubset(long seed) {
        Random random = new Random(seed);
        int size = seed % 10 == 0 ? 14 : 5 + random.nextInt(7);
        Catalogue catalogue = PlanningFixtures.catalogue(random, size);
        LearnerRecord learner = PlanningFixtures.learner(random, catalogue);
        BigDecimal budget = random.nextInt(4) == 0 ? BigDecimal.valueOf(300 + 100L * random.nextInt(10)) : null;
        int alternatives = random.nextInt(3);

        Oracle oracle = new Oracle(learner, catalogue);
        List<String> awards = rules.awards().stream().map(Award::id).toList();
        for (Objective objective : Objective.values()) {
            List<PlanRequest> requests = awards.stream()
                    .map(a -> new PlanRequest(a, AS_OF, objective, budget, alternatives)).toList();
            List<PlanResult> results = rules.plan(learner, catalogue, requests);
            for (PlanResult r : results) {
                List<List<String>> expected = oracle.best(r.award(), objective, budget, alternatives + 1);
                String context = "seed " + seed + ", " + r.award() + ", " + objective.word() + ", budget " + budget;
                COVERED.incrementAndGet(expected.isEmpty() ? 1 : expected.get(0).isEmpty() ? 2 : 0);
                if (expected.size() > 1) {
                    COVERED.incrementAndGet(3);
                }
                if (!expected.isEmpty() && expected.get(0).stream().anyMatch(id -> catalogue.items().stream()
                        .anyMatch(i -> i.prerequisites().contains(id) && expected.get(0).contains(i.id())))) {
                    COVERED.incrementAndGet(4);
                }
                if (expected.isEmpty()) {
                    assertNull(r.plan(), context + ": the planner found " + (r.plan() == null ? null : r.plan().items()));
                    assertNotNull(r.reason(), context);
                    continue;
                }
                assertNotNull(r.plan(), context + ": no plan (" + r.reason() + "), expected " + expected.get(0));
                List<List<String>> got = new ArrayList<>();
                got.add(r.plan().items());
                r.alternatives().forEach(p -> got.add(p.items()));
                assertEquals(expected, got, context);
                assertEquals(expected.get(0).isEmpty(), r.eligibleNow(), context);
                assertTrue(r.result().award(r.award()).orElseThrow().eligible(), context);
            }
        }
    }

    /** Every subset, evaluated by the rule set. */
    static final class Oracle {
        final List<CatalogueItem> offered = new ArrayList<>();
        final Map<Integer, Set<String>> eligible = new HashMap<>(); // subset mask -> awards eligible
        final int n;

        Oracle(LearnerRecord learner, Catalogue catalogue) {
            Set<String> held = new HashSet<>();
            for (Credential c : learner.credentials()) {
                held.add(c.id());
                if (c.code() != null) {
                    held.add(c.code());
                }
            }
            for (CatalogueItem i : catalogue.items()) {
                boolean holds = held.contains(i.id()) || i.credential().code() != null && held.contains(i.credential().code());
                if (!holds && i.offeredOn(AS_OF)) {
                    offered.add(i);
                }
            }
            offered.sort(Comparator.comparing(CatalogueItem::id));
            n = offered.size();
            for (int mask = 0; mask < (1 << n); mask++) {
                if (!closed(mask, held)) {
                    continue;
                }
                List<Credential> all = new ArrayList<>(learner.credentials());
                for (int i = 0; i < n; i++) {
                    if ((mask & (1 << i)) != 0) {
                        all.add(offered.get(i).credentialOn(AS_OF));
                    }
                }
                EvaluationResult r = rules.evaluate(new LearnerRecord(learner.learner(), all, learner.exceptions(),
                        learner.source()), AS_OF);
                Set<String> yes = new HashSet<>();
                r.awards().forEach(a -> {
                    if (a.eligible()) {
                        yes.add(a.award());
                    }
                });
                eligible.put(mask, yes);
            }
        }

        /** Every item's prerequisites held or in the subset. */
        private boolean closed(int mask, Set<String> held) {
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) == 0) {
                    continue;
                }
                for (String q : offered.get(i).prerequisites()) {
                    if (held.contains(q)) {
                        continue;
                    }
                    int at = index(q);
                    if (at < 0 || (mask & (1 << at)) == 0) {
                        return false;
                    }
                }
            }
            return true;
        }

        private int index(String id) {
            for (int i = 0; i < n; i++) {
                if (offered.get(i).id().equals(id)) {
                    return i;
                }
            }
            return -1;
        }

        /** The best {@code wanted} plans: by key, minimal, none a superset of one before it. */
        List<List<String>> best(String award, Objective objective, BigDecimal budget, int wanted) {
            List<Integer> masks = new ArrayList<>();
            for (var e : eligible.entrySet()) {
                if (e.getValue().contains(award) && (budget == null || cost(e.getKey()).compareTo(budget) <= 0)) {
                    masks.add(e.getKey());
                }
            }
            masks.sort(Comparator.<Integer, BigDecimal>comparing(m -> value(m, objective))
                    .thenComparing(Integer::bitCount).thenComparing(this::ids, PlanExhaustiveTest::lexicographic));
            List<List<String>> out = new ArrayList<>();
            List<Integer> taken = new ArrayList<>();
            for (int m : masks) {
                if (taken.stream().anyMatch(t -> (t & m) == t) || !minimal(m, award)) {
                    continue;
                }
                taken.add(m);
                out.add(ids(m));
                if (out.size() == wanted) {
                    break;
                }
            }
            return out;
        }

        /** No item that no other item of the subset needs can be left out with the award still reached. */
        private boolean minimal(int mask, String award) {
            Set<String> needed = new HashSet<>();
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) != 0) {
                    needed.addAll(offered.get(i).prerequisites());
                }
            }
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) != 0 && !needed.contains(offered.get(i).id())) {
                    Set<String> without = eligible.get(mask & ~(1 << i));
                    if (without != null && without.contains(award)) {
                        return false;
                    }
                }
            }
            return true;
        }

        private BigDecimal value(int mask, Objective objective) {
            return switch (objective) {
                case COST -> cost(mask);
                case HOURS -> {
                    BigDecimal h = BigDecimal.ZERO;
                    for (int i = 0; i < n; i++) {
                        if ((mask & (1 << i)) != 0) {
                            h = h.add(offered.get(i).credential().hours());
                        }
                    }
                    yield h;
                }
                case COUNT -> BigDecimal.valueOf(Integer.bitCount(mask));
            };
        }

        private BigDecimal cost(int mask) {
            BigDecimal c = BigDecimal.ZERO;
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) != 0) {
                    c = c.add(offered.get(i).price());
                }
            }
            return c;
        }

        private List<String> ids(int mask) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) != 0) {
                    ids.add(offered.get(i).id());
                }
            }
            return ids;
        }
    }

    static int lexicographic(List<String> a, List<String> b) {
        return Arrays.compare(a.toArray(String[]::new), b.toArray(String[]::new));
    }
}
