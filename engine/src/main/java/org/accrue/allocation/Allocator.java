package org.accrue.allocation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses which candidates count toward which requirement (pool) of one award.
 *
 * <p>A learner is eligible exactly when some choice of candidates, each whole and each assigned to at most one
 * pool it may count toward, meets every pool minimum, the total minimum and every level minimum without
 * exceeding any cap. The search is a dynamic programme over the candidates in the given order, whose state is
 * what each minimum has received so far (capped at the minimum, since more cannot help it) and what each cap
 * has used (exactly). Among all choices it picks, in turn: the least total shortfall over the minimums, then
 * the most points counted, then the earliest option in each candidate's list. The result is therefore the
 * same for any order of candidates with the same ids, provided the caller sorts them, as the engine does.
 *
 * <p>Leaving a candidate out is only tried where a cap applies to it: every minimum only grows with more
 * credit, so without a cap counting is never worse.
 */
public final class Allocator {
    /** The option that assigns a candidate to no named pool: general credit. */
    public static final int GENERAL = -1;
    private static final int SKIP = -2;

    /**
     * A credential that may count.
     *
     * @param options the pools it may count toward, as indexes into {@link Problem#poolNeeds()}, or
     *                {@link #GENERAL}; in order of preference
     * @param caps    indexes into {@link Problem#capMaxima()} of the caps that apply to it
     */
    public record Candidate(String id, BigDecimal points, int scqfLevel, List<Integer> options, List<Integer> caps) {
        public Candidate {
            options = List.copyOf(options);
            caps = List.copyOf(caps);
        }
    }

    /** At least {@code need} points at SCQF {@code scqfLevel} or above. */
    public record LevelNeed(int scqfLevel, BigDecimal need) {
    }

    public record Problem(List<BigDecimal> poolNeeds, BigDecimal totalNeed, List<LevelNeed> levelNeeds,
                          List<BigDecimal> capMaxima, List<Candidate> candidates) {
        public Problem {
            poolNeeds = List.copyOf(poolNeeds);
            levelNeeds = List.copyOf(levelNeeds);
            capMaxima = List.copyOf(capMaxima);
            candidates = List.copyOf(candidates);
        }
    }

    /**
     * The chosen allocation.
     *
     * @param assignment each counted candidate's id and its pool index (or {@link #GENERAL}), in candidate order
     * @param shortfall  the points still missing over all minimums; zero exactly when every one is met
     */
    public record Allocation(Map<String, Integer> assignment, BigDecimal shortfall) {
        public boolean meetsAll() {
            return shortfall.signum() == 0;
        }
    }

    private final Problem problem;
    private final int scale;
    private final int pools;
    private final int levels;
    private final long[] need;      // minimum dimensions: pools, then total, then levels
    private final long[] capMax;
    private final long[] points;
    private final Map<Key, Node> memo = new HashMap<>();

    private Allocator(Problem problem) {
        this.problem = problem;
        this.scale = scaleOf(problem);
        this.pools = problem.poolNeeds().size();
        this.levels = problem.levelNeeds().size();
        this.need = new long[pools + 1 + levels];
        for (int i = 0; i < pools; i++) {
            need[i] = units(problem.poolNeeds().get(i));
        }
        need[pools] = problem.totalNeed() == null ? 0 : units(problem.totalNeed());
        for (int i = 0; i < levels; i++) {
            need[pools + 1 + i] = units(problem.levelNeeds().get(i).need());
        }
        this.capMax = problem.capMaxima().stream().mapToLong(this::units).toArray();
        this.points = problem.candidates().stream().mapToLong(c -> units(c.points())).toArray();
    }

    public static Allocation solve(Problem problem) {
        return new Allocator(problem).run();
    }

    private Allocation run() {
        long[] state = new long[need.length + capMax.length];
        Node best = best(0, state);
        Map<String, Integer> assignment = new LinkedHashMap<>();
        for (int i = 0; i < points.length; i++) {
            Node n = memo.get(new Key(i, state));
            int option = n.choice;
            if (option != SKIP) {
                assignment.put(problem.candidates().get(i).id(), option);
            }
            state = apply(i, option, state);
        }
        return new Allocation(assignment, BigDecimal.valueOf(best.shortfall, scale).stripTrailingZeros());
    }

    private Node best(int i, long[] state) {
        if (i == points.length) {
            long shortfall = 0;
            for (int d = 0; d < need.length; d++) {
                shortfall += need[d] - state[d];
            }
            return new Node(shortfall, 0, SKIP);
        }
        Key key = new Key(i, state);
        Node known = memo.get(key);
        if (known != null) {
            return known;
        }
        Candidate c = problem.candidates().get(i);
        List<Integer> options = new ArrayList<>(c.options());
        if (!c.caps().isEmpty() || options.isEmpty()) {
            options.add(SKIP);
        }
        Node best = null;
        for (int option : options) {
            long[] next = apply(i, option, state);
            if (next == null) {
                continue; // a cap would be exceeded
            }
            Node rest = best(i + 1, next);
            Node here = new Node(rest.shortfall, rest.points + (option == SKIP ? 0 : points[i]), option);
            if (best == null || here.shortfall < best.shortfall
                    || (here.shortfall == best.shortfall && here.points > best.points)) {
                best = here;
            }
        }
        memo.put(key, best);
        return best;
    }

    /** The state after candidate {@code i} takes {@code option}, or null when that exceeds a cap. */
    private long[] apply(int i, int option, long[] state) {
        if (option == SKIP) {
            return state;
        }
        Candidate c = problem.candidates().get(i);
        long p = points[i];
        long[] next = state.clone();
        if (option >= 0) {
            next[option] = Math.min(need[option], next[option] + p);
        }
        next[pools] = Math.min(need[pools], next[pools] + p);
        for (int l = 0; l < levels; l++) {
            int d = pools + 1 + l;
            if (c.scqfLevel() > 0 && c.scqfLevel() >= problem.levelNeeds().get(l).scqfLevel()) {
                next[d] = Math.min(need[d], next[d] + p);
            }
        }
        for (int cap : c.caps()) {
            int d = need.length + cap;
            next[d] += p;
            if (next[d] > capMax[cap]) {
                return null;
            }
        }
        return next;
    }

    private long units(BigDecimal v) {
        return v.movePointRight(scale).longValueExact();
    }

    private static int scaleOf(Problem p) {
        List<BigDecimal> all = new ArrayList<>(p.poolNeeds());
        all.addAll(p.capMaxima());
        if (p.totalNeed() != null) {
            all.add(p.totalNeed());
        }
        p.levelNeeds().forEach(l -> all.add(l.need()));
        p.candidates().forEach(c -> all.add(c.points()));
        int scale = 0;
        for (BigDecimal v : all) {
            scale = Math.max(scale, v.stripTrailingZeros().scale());
        }
        return scale;
    }

    private record Node(long shortfall, long points, int choice) {
    }

    private static final class Key {
        private final int index;
        private final long[] state;
        private final int hash;

        Key(int index, long[] state) {
            this.index = index;
            this.state = state;
            this.hash = 31 * index + Arrays.hashCode(state);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.index == index && Arrays.equals(k.state, state);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
