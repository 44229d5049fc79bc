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
 * exceeding any cap. The search goes through the candidates in the given order; its state is what each
 * minimum has received so far (capped at the minimum, since more cannot help it) and what each cap has used
 * (exactly). It finds the allocation with the least total shortfall over the minimums, so it meets them all
 * whenever any allocation can. Branch and bound keeps it fast: a branch whose most optimistic outcome cannot
 * beat the best found so far is cut, and the search stops at the first allocation with no shortfall.
 * States already searched are remembered, exactly or as a lower bound.
 *
 * <p>Options are tried in each candidate's order and a later allocation replaces an earlier one only when it
 * is strictly better, so the result is the same for any order of candidates with the same ids once the
 * caller sorts them, as the engine does. Leaving a candidate out is only tried where a cap applies to it and
 * is tried last: every minimum only grows with more credit, so without a cap counting is never worse.
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

    /**
     * @param poolNeeds      each pool's minimum points
     * @param poolCountNeeds each pool's minimum number of candidates (0 for none), same order
     */
    public record Problem(List<BigDecimal> poolNeeds, List<Integer> poolCountNeeds, BigDecimal totalNeed,
                          List<LevelNeed> levelNeeds, List<BigDecimal> capMaxima, List<Candidate> candidates) {
        public Problem {
            poolNeeds = List.copyOf(poolNeeds);
            poolCountNeeds = List.copyOf(poolCountNeeds);
            if (poolCountNeeds.size() != poolNeeds.size()) {
                throw new IllegalArgumentException("a count need for every pool");
            }
            levelNeeds = List.copyOf(levelNeeds);
            capMaxima = List.copyOf(capMaxima);
            candidates = List.copyOf(candidates);
        }
    }

    /**
     * The chosen allocation.
     *
     * @param assignment each counted candidate's id and its pool index (or {@link #GENERAL}), in candidate order
     * @param shortfall  the points still missing over all minimums, plus one for each credential missing from
     *                   a requirement that needs a number of them; zero exactly when every minimum is met
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
    private final int total;        // index of the total dimension
    private final int mins;         // minimum dimensions: pool points, pool counts, total, levels
    private final long[] need;
    private final long[] capMax;
    private final long[] points;
    /** One point in units; a missing credential weighs as much in the shortfall as a missing point. */
    private final long unit;
    /**
     * For each minimum dimension and position i, the points of candidates from i on that could reach it; made
     * only when there is a search to bound.
     */
    private long[][] uncappedAhead;
    private long[][] cappedAhead;
    private final Map<Key, Entry> memo = new HashMap<>();

    private Allocator(Problem problem) {
        this.problem = problem;
        this.scale = scaleOf(problem);
        this.pools = problem.poolNeeds().size();
        this.levels = problem.levelNeeds().size();
        this.total = 2 * pools;
        this.mins = total + 1 + levels;
        this.unit = BigDecimal.ONE.movePointRight(scale).longValueExact();
        this.need = new long[mins];
        for (int i = 0; i < pools; i++) {
            need[i] = units(problem.poolNeeds().get(i));
            need[pools + i] = problem.poolCountNeeds().get(i) * unit;
        }
        need[total] = problem.totalNeed() == null ? 0 : units(problem.totalNeed());
        for (int i = 0; i < levels; i++) {
            need[total + 1 + i] = units(problem.levelNeeds().get(i).need());
        }
        this.capMax = new long[problem.capMaxima().size()];
        for (int k = 0; k < capMax.length; k++) {
            capMax[k] = units(problem.capMaxima().get(k));
        }
        this.points = new long[problem.candidates().size()];
        for (int i = 0; i < points.length; i++) {
            points[i] = units(problem.candidates().get(i).points());
        }
    }

    /** The bounds the search cuts branches with. */
    private void prepareBounds() {
        int n = points.length;
        this.uncappedAhead = new long[mins][n + 1];
        this.cappedAhead = new long[mins][n + 1];
        for (int i = n - 1; i >= 0; i--) {
            Candidate c = problem.candidates().get(i);
            long[][] ahead = c.caps().isEmpty() ? uncappedAhead : cappedAhead;
            for (int d = 0; d < mins; d++) {
                uncappedAhead[d][i] = uncappedAhead[d][i + 1];
                cappedAhead[d][i] = cappedAhead[d][i + 1];
                if (reaches(c, d)) {
                    ahead[d][i] += gain(i, d);
                }
            }
        }
    }

    public static Allocation solve(Problem problem) {
        Allocator a = new Allocator(problem);
        return a.forced() ? a.countEverything() : a.run();
    }

    /** True when no candidate has a choice: one option each and no cap, so every one counts where it may. */
    private boolean forced() {
        for (Candidate c : problem.candidates()) {
            if (c.options().size() != 1 || !c.caps().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private Allocation countEverything() {
        long[] state = new long[mins + capMax.length];
        Map<String, Integer> assignment = new LinkedHashMap<>();
        for (int i = 0; i < points.length; i++) {
            int option = problem.candidates().get(i).options().get(0);
            assignment.put(problem.candidates().get(i).id(), option);
            state = apply(i, option, state);
        }
        return new Allocation(assignment, BigDecimal.valueOf(shortfall(state), scale).stripTrailingZeros());
    }

    private Allocation run() {
        prepareBounds();
        long[] state = new long[mins + capMax.length];
        long shortfall = search(0, state, Long.MAX_VALUE);
        Map<String, Integer> assignment = new LinkedHashMap<>();
        for (int i = 0; i < points.length; i++) {
            Entry e = memo.get(new Key(i, state));
            if (e == null || !e.exact) {
                throw new IllegalStateException("allocation search lost its path at candidate " + i);
            }
            if (e.choice != SKIP) {
                assignment.put(problem.candidates().get(i).id(), e.choice);
            }
            state = apply(i, e.choice, state);
        }
        return new Allocation(assignment, BigDecimal.valueOf(shortfall, scale).stripTrailingZeros());
    }

    /**
     * The least shortfall reachable from candidate {@code i} in {@code state}, exactly when it is below
     * {@code bound}; otherwise some value at or above {@code bound}.
     */
    private long search(int i, long[] state, long bound) {
        if (i == points.length) {
            return shortfall(state);
        }
        Key key = new Key(i, state);
        Entry known = memo.get(key);
        if (known != null && (known.exact || known.value >= bound)) {
            return known.value;
        }
        long optimistic = optimisticShortfall(i, state);
        if (optimistic >= bound) {
            memo.put(key, new Entry(optimistic, false, SKIP));
            return optimistic;
        }
        Candidate c = problem.candidates().get(i);
        List<Integer> options = new ArrayList<>(c.options());
        if (!c.caps().isEmpty() || options.isEmpty()) {
            options.add(SKIP);
        }
        long best = Long.MAX_VALUE;
        int choice = SKIP;
        for (int option : options) {
            long[] next = apply(i, option, state);
            if (next == null) {
                continue; // a cap would be exceeded
            }
            long value = search(i + 1, next, Math.min(bound, best));
            if (value < best) {
                best = value;
                choice = option;
            }
            if (best <= optimistic) {
                break; // nothing below the optimistic bound exists
            }
        }
        boolean exact = best < bound;
        memo.put(key, new Entry(best, exact, choice));
        return best;
    }

    /** A lower bound on the final shortfall: as if every candidate ahead counted toward everything it can. */
    private long optimisticShortfall(int i, long[] state) {
        long room = 0;
        for (int k = 0; k < capMax.length; k++) {
            room += capMax[k] - state[mins + k];
        }
        long shortfall = 0;
        for (int d = 0; d < mins; d++) {
            boolean counts = d >= pools && d < total; // room is in points, so it bounds no count
            long reachable = uncappedAhead[d][i] + (counts ? cappedAhead[d][i] : Math.min(cappedAhead[d][i], room));
            shortfall += Math.max(0, need[d] - state[d] - reachable);
        }
        return shortfall;
    }

    private long shortfall(long[] state) {
        long shortfall = 0;
        for (int d = 0; d < mins; d++) {
            shortfall += need[d] - state[d];
        }
        return shortfall;
    }

    /** Whether candidate {@code c} could add to minimum dimension {@code d} under some option. */
    private boolean reaches(Candidate c, int d) {
        if (d < total) {
            return c.options().contains(d % pools);
        }
        if (d == total) {
            return true;
        }
        int level = problem.levelNeeds().get(d - total - 1).scqfLevel();
        return c.scqfLevel() > 0 && c.scqfLevel() >= level;
    }

    /** What candidate {@code i} adds to dimension {@code d} when it reaches it: its points, or one credential. */
    private long gain(int i, int d) {
        return d >= pools && d < total ? unit : points[i];
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
            next[pools + option] = Math.min(need[pools + option], next[pools + option] + unit);
        }
        next[total] = Math.min(need[total], next[total] + p);
        for (int l = 0; l < levels; l++) {
            int d = total + 1 + l;
            if (reaches(c, d)) {
                next[d] = Math.min(need[d], next[d] + p);
            }
        }
        for (int cap : c.caps()) {
            int d = mins + cap;
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
        // a scale larger than needed is still exact
        int scale = p.totalNeed() == null ? 0 : Math.max(0, p.totalNeed().scale());
        for (BigDecimal v : p.poolNeeds()) {
            scale = Math.max(scale, v.scale());
        }
        for (BigDecimal v : p.capMaxima()) {
            scale = Math.max(scale, v.scale());
        }
        for (LevelNeed l : p.levelNeeds()) {
            scale = Math.max(scale, l.need().scale());
        }
        for (Candidate c : p.candidates()) {
            scale = Math.max(scale, c.points().scale());
        }
        return scale;
    }

    /** A searched state: its least shortfall if {@code exact}, else a lower bound on it. */
    private record Entry(long value, boolean exact, int choice) {
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
