package org.accrue.allocation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses which candidates count toward which named requirement of one award.
 *
 * <p>A learner is eligible exactly when some choice of candidates, each whole and each assigned to at most one
 * requirement it may count toward, meets every requirement's minimum, the total minimum and every level minimum
 * without exceeding any cap. The search goes through the candidates in the given order; its state is what each
 * minimum has received so far (capped at the minimum, since more cannot help it) and what each cap has used
 * (exactly). It finds the allocation with the least total shortfall over the minimums, so it meets them all
 * whenever any allocation can. Branch and bound keeps it fast: a branch whose most optimistic outcome cannot
 * beat the best found so far is cut, and the search stops as soon as it reaches that optimistic outcome.
 * States already searched are remembered, exactly or as a lower bound. The optimistic outcome is close to the
 * truth where searches used to blow up: capped credit counts only as far as the sums the capped candidates
 * can actually make fit the cap (a subset-sum table, pseudo-polynomial in the cap), and a point fills one
 * named requirement, not each one it could go to. The search is iterative (no recursion) and has a {@link Budget}.
 *
 * <p>Options are tried in each candidate's order and a later allocation replaces an earlier one only when it
 * is strictly better, so the result is the same for any order of candidates with the same ids once the
 * caller sorts them, as the engine does. Leaving a candidate out is only tried where a cap applies to it and
 * is tried last: every minimum only grows with more credit, so without a cap counting is never worse.
 *
 * <p>Two minimums count what is distinct. A requirement of a number of credentials counts distinct modules:
 * candidates of one {@link Candidate#group()} (the same course recorded twice) count once toward it. A
 * {@link BodyNeed} counts the distinct awarding bodies of the candidates counted (toward the award, or toward one
 * requirement). The state then also remembers which groups and bodies each such minimum has seen (one flag each,
 * forgotten once the minimum is met, since more cannot help it), so the search stays exact; the optimistic bound
 * counts every candidate's group and bodies as new, which never understates what is reachable.
 */
public final class Allocator {
    /** The option that assigns a candidate to no named requirement: general credit. */
    public static final int GENERAL = -1;
    private static final int SKIP = -2;

    /**
     * A credential that may count.
     *
     * @param options the named requirements it may count toward, as indexes into {@link Problem#requirementNeeds()}, or
     *                {@link #GENERAL}; in order of preference
     * @param caps    indexes into {@link Problem#capMaxima()} of the caps that apply to it
     */
    public record Candidate(String id, BigDecimal points, int scqfLevel, List<Integer> options, List<Integer> caps,
                            String group, List<String> bodies) {
        public Candidate {
            options = List.copyOf(options);
            caps = List.copyOf(caps);
            bodies = bodies == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(bodies));
        }

        /** A candidate that is its own module, of no stated awarding body. */
        public Candidate(String id, BigDecimal points, int scqfLevel, List<Integer> options, List<Integer> caps) {
            this(id, points, scqfLevel, options, caps, null, List.of());
        }
    }

    /**
     * At least {@code need} different awarding bodies among the candidates counted toward named requirement
     * {@code requirement}, or toward the award at all when it is {@link #GENERAL}.
     */
    public record BodyNeed(int requirement, int need) {
    }

    /** At least {@code need} points at SCQF {@code scqfLevel} or above. */
    public record LevelNeed(int scqfLevel, BigDecimal need) {
    }

    /**
     * @param requirementNeeds      each named requirement's minimum points
     * @param requirementCountNeeds each named requirement's minimum number of candidates (0 for none), same order
     */
    public record Problem(List<BigDecimal> requirementNeeds, List<Integer> requirementCountNeeds, BigDecimal totalNeed,
                          List<LevelNeed> levelNeeds, List<BigDecimal> capMaxima, List<Candidate> candidates,
                          List<BodyNeed> bodyNeeds) {

        /** A problem with no need of different awarding bodies. */
        public Problem(List<BigDecimal> requirementNeeds, List<Integer> requirementCountNeeds, BigDecimal totalNeed,
                       List<LevelNeed> levelNeeds, List<BigDecimal> capMaxima, List<Candidate> candidates) {
            this(requirementNeeds, requirementCountNeeds, totalNeed, levelNeeds, capMaxima, candidates, List.of());
        }

        public Problem {
            bodyNeeds = bodyNeeds == null ? List.of() : List.copyOf(bodyNeeds);
            requirementNeeds = List.copyOf(requirementNeeds);
            requirementCountNeeds = List.copyOf(requirementCountNeeds);
            if (requirementCountNeeds.size() != requirementNeeds.size()) {
                throw new IllegalArgumentException("a count need for every named requirement");
            }
            levelNeeds = List.copyOf(levelNeeds);
            capMaxima = List.copyOf(capMaxima);
            candidates = List.copyOf(candidates);
        }

        /** The decimal places every figure fits in: points in whole units of this scale are exact. */
        public int scale() {
            // a scale larger than needed is still exact
            int scale = totalNeed == null ? 0 : Math.max(0, totalNeed.scale());
            for (BigDecimal v : requirementNeeds) {
                scale = Math.max(scale, v.scale());
            }
            for (BigDecimal v : capMaxima) {
                scale = Math.max(scale, v.scale());
            }
            for (LevelNeed l : levelNeeds) {
                scale = Math.max(scale, l.need().scale());
            }
            for (Candidate c : candidates) {
                scale = Math.max(scale, c.points().scale());
            }
            return scale;
        }
    }

    /**
     * The chosen allocation.
     *
     * @param assignment each counted candidate's id and its named requirement's index (or {@link #GENERAL}), in candidate order
     * @param shortfall  the points still missing over all minimums, plus one for each credential missing from
     *                   a requirement that needs a number of them; zero exactly when every minimum is met
     * @param searched   how many states the search expanded: its work, for benchmarks and tests
     * @param least      true when the shortfall is proven the least possible; false only for a learner who
     *                   cannot meet every minimum and whose closest allocation the search could not settle
     *                   within its budget (the verdict is exact either way)
     */
    public record Allocation(Map<String, Integer> assignment, BigDecimal shortfall, long searched, boolean least) {
        public boolean meetsAll() {
            return shortfall.signum() == 0;
        }
    }

    /**
     * How much work one search may do: at most {@code maxStates} states expanded (which bounds its memory), and
     * no later than {@code deadline} ({@link System#nanoTime()}; {@link Long#MAX_VALUE} for none).
     */
    public record Budget(long maxStates, long deadline) {
        /** Two million states (a few hundred megabytes at most), no deadline. */
        public static final Budget DEFAULT = new Budget(2_000_000, Long.MAX_VALUE);
    }

    /** The search went over its {@link Budget}: the learner's allocation cannot be decided within it. */
    public static final class LimitExceededException extends RuntimeException {
        private final boolean time;

        LimitExceededException(boolean time, String message) {
            super(message);
            this.time = time;
        }

        /** True when the deadline passed; false when the state limit was reached. */
        public boolean time() {
            return time;
        }
    }

    private final Problem problem;
    private final int scale;
    private final int named;
    private final int levels;
    private final int total;        // index of the total dimension
    private final int bodyBase;     // index of the first awarding-bodies dimension
    private final int mins;         // minimum dimensions: named requirements' points, their counts, total, levels,
                                    // awarding bodies
    private final int width;        // the state: the minimums, then each cap's use, then the flags
    /**
     * For named requirement r and candidate i, the flag of i's group for r, or -1; a null row where r counts no
     * credentials or no group of its candidates is shared.
     */
    private final int[][] groupFlag;
    /** For body need b and candidate i, the flags of i's bodies for b (empty when i cannot reach b). */
    private final int[][][] bodyFlags;
    /** For each minimum dimension, the flags to forget once it is met. */
    private final int[][] flagsOf;
    private final long[] need;
    private final long[] capMax;
    private final long[] points;
    /** One point in units; a missing credential weighs as much in the shortfall as a missing point. */
    private final long unit;
    /**
     * For each minimum dimension and position i, the points of candidates from i on that could reach it, those
     * under no cap and those under some cap; made only when there is a search to bound.
     */
    private long[][] uncappedAhead;
    private long[][] cappedAhead;
    /** Points from i on of candidates with a named requirement among their options, under no cap and under some. */
    private long[] namedUncapped;
    private long[] namedCapped;
    /** For each cap, the sums its candidates from i on can make (see {@link SubsetSums}), or null. */
    private SubsetSums[] sums;
    private final Map<Key, Entry> memo = new HashMap<>();
    private long searched;

    private Allocator(Problem problem) {
        this.problem = problem;
        this.scale = problem.scale();
        this.named = problem.requirementNeeds().size();
        this.levels = problem.levelNeeds().size();
        this.total = 2 * named;
        this.bodyBase = total + 1 + levels;
        this.mins = bodyBase + problem.bodyNeeds().size();
        this.unit = BigDecimal.ONE.movePointRight(scale).longValueExact();
        this.need = new long[mins];
        for (int i = 0; i < named; i++) {
            need[i] = units(problem.requirementNeeds().get(i));
            need[named + i] = Math.multiplyExact((long) problem.requirementCountNeeds().get(i), unit);
        }
        need[total] = problem.totalNeed() == null ? 0 : units(problem.totalNeed());
        for (int i = 0; i < levels; i++) {
            need[total + 1 + i] = units(problem.levelNeeds().get(i).need());
        }
        for (int b = 0; b < problem.bodyNeeds().size(); b++) {
            need[bodyBase + b] = Math.multiplyExact((long) problem.bodyNeeds().get(b).need(), unit);
        }
        this.capMax = new long[problem.capMaxima().size()];
        for (int k = 0; k < capMax.length; k++) {
            capMax[k] = units(problem.capMaxima().get(k));
        }
        this.points = new long[problem.candidates().size()];
        for (int i = 0; i < points.length; i++) {
            points[i] = units(problem.candidates().get(i).points());
        }
        // the flags: a group shared by two or more candidates, for each count requirement they may fill; each body,
        // for each body need a candidate of it may reach
        int next = mins + capMax.length;
        List<Candidate> cs = problem.candidates();
        // most awards count no modules and most learners hold no course twice: then no flag, and nothing allocated
        this.groupFlag = new int[named][];
        this.flagsOf = new int[mins][];
        for (int r = 0; r < named; r++) {
            if (need[named + r] == 0) {
                continue;
            }
            Map<String, Integer> members = null;
            for (Candidate c : cs) {
                if (c.group() != null && c.options().contains(r)) {
                    members = members == null ? new HashMap<>() : members;
                    members.merge(c.group(), 1, Integer::sum);
                }
            }
            if (members == null || members.size() == members.values().stream().mapToInt(Integer::intValue).sum()) {
                continue; // every group has one candidate: no module can be counted twice
            }
            Map<String, Integer> flags = new LinkedHashMap<>();
            int[] row = new int[cs.size()];
            Arrays.fill(row, -1);
            for (int i = 0; i < cs.size(); i++) {
                Candidate c = cs.get(i);
                if (c.group() != null && c.options().contains(r) && members.get(c.group()) > 1) {
                    Integer f = flags.get(c.group());
                    if (f == null) {
                        f = next++;
                        flags.put(c.group(), f);
                    }
                    row[i] = f;
                }
            }
            groupFlag[r] = row;
            flagsOf[named + r] = flags.values().stream().mapToInt(Integer::intValue).toArray();
        }
        this.bodyFlags = new int[problem.bodyNeeds().size()][cs.size()][];
        for (int b = 0; b < bodyFlags.length; b++) {
            Map<String, Integer> flags = new LinkedHashMap<>();
            for (int i = 0; i < cs.size(); i++) {
                Candidate c = cs.get(i);
                if (!reaches(c, bodyBase + b)) {
                    bodyFlags[b][i] = new int[0];
                    continue;
                }
                int[] f = new int[c.bodies().size()];
                for (int k = 0; k < f.length; k++) {
                    Integer at = flags.get(c.bodies().get(k));
                    if (at == null) {
                        at = next++;
                        flags.put(c.bodies().get(k), at);
                    }
                    f[k] = at;
                }
                bodyFlags[b][i] = f;
            }
            flagsOf[bodyBase + b] = flags.values().stream().mapToInt(Integer::intValue).toArray();
        }
        this.width = next;
    }

    /** The bounds the search cuts branches with. */
    private void prepareBounds() {
        int n = points.length;
        this.uncappedAhead = new long[mins][n + 1];
        this.cappedAhead = new long[mins][n + 1];
        this.namedUncapped = new long[n + 1];
        this.namedCapped = new long[n + 1];
        for (int i = n - 1; i >= 0; i--) {
            Candidate c = problem.candidates().get(i);
            boolean capped = !c.caps().isEmpty();
            long[][] ahead = capped ? cappedAhead : uncappedAhead;
            for (int d = 0; d < mins; d++) {
                uncappedAhead[d][i] = uncappedAhead[d][i + 1];
                cappedAhead[d][i] = cappedAhead[d][i + 1];
                if (reaches(c, d)) {
                    ahead[d][i] += gain(i, d);
                }
            }
            boolean fillsNamed = c.options().stream().anyMatch(o -> o >= 0);
            namedUncapped[i] = namedUncapped[i + 1] + (fillsNamed && !capped ? points[i] : 0);
            namedCapped[i] = namedCapped[i + 1] + (fillsNamed && capped ? points[i] : 0);
        }
        this.sums = new SubsetSums[capMax.length];
        for (int k = 0; k < capMax.length; k++) {
            sums[k] = SubsetSums.of(problem.candidates(), points, k, capMax[k]);
        }
    }

    /** The allocation with the least shortfall, within {@link Budget#DEFAULT}. */
    public static Allocation solve(Problem problem) {
        return solve(problem, Budget.DEFAULT);
    }

    /**
     * The allocation with the least shortfall.
     *
     * @throws LimitExceededException when the search would go over its budget
     */
    public static Allocation solve(Problem problem, Budget budget) {
        Allocator a = new Allocator(problem);
        return a.forced() ? a.countEverything() : a.run(budget);
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
        long[] state = new long[width];
        Map<String, Integer> assignment = new LinkedHashMap<>();
        for (int i = 0; i < points.length; i++) {
            int option = problem.candidates().get(i).options().get(0);
            assignment.put(problem.candidates().get(i).id(), option);
            state = apply(i, option, state);
        }
        return new Allocation(assignment, BigDecimal.valueOf(shortfall(state), scale).stripTrailingZeros(), 0, true);
    }

    /**
     * First whether every minimum can be met (the verdict: exact, or the budget is exceeded), then, for a learner
     * who cannot meet them all, the allocation that comes closest, within a tenth of the budget; past that, the
     * closest found so far, said to be unproven.
     */
    private Allocation run(Budget budget) {
        prepareBounds();
        long[] root = new long[width];
        long shortfall = search(root, 1, budget);
        boolean least = true;
        int[] path;
        if (shortfall == 0) {
            path = pathFrom(0, root);
        } else {
            try {
                shortfall = search(root, Long.MAX_VALUE, new Budget(searched + budget.maxStates() / 10,
                        budget.deadline()));
                path = pathFrom(0, root);
            } catch (LimitExceededException e) {
                shortfall = incumbent;
                path = incumbentPath;
                least = false;
            }
        }
        Map<String, Integer> assignment = new LinkedHashMap<>();
        for (int i = 0; i < points.length; i++) {
            if (path[i] != SKIP) {
                assignment.put(problem.candidates().get(i).id(), path[i]);
            }
        }
        return new Allocation(assignment, BigDecimal.valueOf(shortfall, scale).stripTrailingZeros(), searched, least);
    }

    /** The choices from candidate {@code from} in {@code state} on, along remembered exact states. */
    private int[] pathFrom(int from, long[] state) {
        int[] path = new int[points.length];
        for (int i = from; i < points.length; i++) {
            Entry e = memo.get(new Key(i, state));
            if (e == null || !e.exact) {
                throw new IllegalStateException("allocation search lost its path at candidate " + i);
            }
            path[i] = e.choice;
            state = apply(i, e.choice, state);
        }
        return path;
    }

    /** The best complete allocation met so far, and its choices: what is left when the budget runs out. */
    private long incumbent = Long.MAX_VALUE;
    private int[] incumbentPath;
    /** The option being tried at each depth of the search. */
    private int[] current;

    /** A complete allocation reached at depth {@code i} (the rest along remembered states): the best yet? */
    private void reached(int i, long[] state, long value) {
        if (value < incumbent) {
            int[] path = i == points.length ? new int[points.length] : pathFrom(i, state);
            System.arraycopy(current, 0, path, 0, i);
            incumbent = value;
            incumbentPath = path;
        }
    }

    /** A state being searched: candidate {@code i} in {@code state}, its options tried in turn. */
    private static final class Frame {
        final int i;
        final long[] state;
        final long bound;
        final Key key;
        final long optimistic;
        final int[] options;
        int next;
        int pending = Integer.MIN_VALUE; // the option whose subtree is being searched
        long best = Long.MAX_VALUE;
        int choice = SKIP;

        Frame(int i, long[] state, long bound, Key key, long optimistic, int[] options) {
            this.i = i;
            this.state = state;
            this.bound = bound;
            this.key = key;
            this.optimistic = optimistic;
            this.options = options;
        }

        /** Takes a subtree's value; true when nothing better than it can exist, so the rest need not be tried. */
        boolean take(int option, long value) {
            if (value < best) {
                best = value;
                choice = option;
            }
            return best <= optimistic;
        }
    }

    /**
     * The least shortfall from the first candidate in {@code state}: a depth-first branch and bound over the
     * candidates, with an explicit stack (no recursion, however many candidates). A state's value is exact when
     * it is below the bound it was searched with, else only a lower bound; either is remembered.
     */
    private long search(long[] root, long rootBound, Budget budget) {
        java.util.ArrayDeque<Frame> stack = new java.util.ArrayDeque<>();
        long[] result = new long[1];
        if (current == null) {
            current = new int[points.length];
        }
        Frame top = enter(0, root, rootBound, result);
        if (top == null) {
            return result[0];
        }
        stack.push(top);
        while (true) {
            Frame f = stack.peek();
            boolean done = false;
            if (f.pending != Integer.MIN_VALUE) {
                done = f.take(f.pending, result[0]);
                f.pending = Integer.MIN_VALUE;
            }
            while (!done && f.next < f.options.length) {
                int option = f.options[f.next++];
                long[] next = apply(f.i, option, f.state);
                if (next == null) {
                    continue; // a cap would be exceeded
                }
                current[f.i] = option;
                Frame child = enter(f.i + 1, next, Math.min(f.bound, f.best), result);
                if (child == null) {
                    done = f.take(option, result[0]);
                } else {
                    f.pending = option;
                    stack.push(child);
                    break;
                }
            }
            if (stack.peek() != f) {
                continue; // a child to search first
            }
            memo.put(f.key, new Entry(f.best, f.best < f.bound, f.choice));
            stack.pop();
            result[0] = f.best;
            if (stack.isEmpty()) {
                return f.best;
            }
            if (((++searched & 1023) == 0 || searched == 1) && System.nanoTime() > budget.deadline()) {
                throw new LimitExceededException(true, "the allocation search ran out of time after " + searched
                        + " states");
            }
            if (searched > budget.maxStates()) {
                throw new LimitExceededException(false, "the allocation search went over its limit of "
                        + budget.maxStates() + " states");
            }
        }
    }

    /**
     * Starts searching candidate {@code i} in {@code state}: a frame to search, or null with the value in
     * {@code result[0]} when it is known at once (the last candidate, a remembered state, or a cut branch).
     */
    private Frame enter(int i, long[] state, long bound, long[] result) {
        if (i == points.length) {
            result[0] = shortfall(state);
            reached(i, state, result[0]);
            return null;
        }
        Key key = new Key(i, state);
        Entry known = memo.get(key);
        if (known != null && (known.exact || known.value >= bound)) {
            result[0] = known.value;
            if (known.exact) {
                reached(i, state, known.value);
            }
            return null;
        }
        long optimistic = optimisticShortfall(i, state);
        if (optimistic >= bound) {
            memo.put(key, new Entry(optimistic, false, SKIP));
            result[0] = optimistic;
            return null;
        }
        Candidate c = problem.candidates().get(i);
        boolean skip = !c.caps().isEmpty() || c.options().isEmpty();
        int[] options = new int[c.options().size() + (skip ? 1 : 0)];
        for (int o = 0; o < c.options().size(); o++) {
            options[o] = c.options().get(o);
        }
        if (skip) {
            options[options.length - 1] = SKIP;
        }
        return new Frame(i, state, bound, key, optimistic, options);
    }

    /**
     * A lower bound on the final shortfall from candidate {@code i} in {@code state}: as if every candidate
     * ahead counted toward everything it can reach, except that capped candidates count only as far as the
     * sums they can make fit in the caps' room, and that a candidate fills one named requirement, not all of them.
     */
    private long optimisticShortfall(int i, long[] state) {
        long room = 0;
        for (int k = 0; k < capMax.length; k++) {
            long left = capMax[k] - state[mins + k];
            room += sums[k] == null ? left : sums[k].largestUpTo(i, left);
        }
        long shortfall = 0;
        long namedGain = 0;
        long namedNeed = 0;
        for (int d = 0; d < mins; d++) {
            boolean counts = d >= named && d < total || d >= bodyBase; // room is in points: it bounds no count
            long reachable = uncappedAhead[d][i] + (counts ? cappedAhead[d][i] : Math.min(cappedAhead[d][i], room));
            long left = need[d] - state[d];
            long gain = Math.min(left, reachable);
            if (d < named) {
                namedGain += gain;
                namedNeed += left;
            } else {
                shortfall += left - gain;
            }
        }
        // every point counted fills at most one named requirement
        long fillsNamed = namedUncapped[i] + Math.min(namedCapped[i], room);
        return shortfall + namedNeed - Math.min(namedGain, fillsNamed);
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
            return c.options().contains(d % named);
        }
        if (d == total) {
            return true;
        }
        if (d >= bodyBase) {
            int r = problem.bodyNeeds().get(d - bodyBase).requirement();
            return !c.bodies().isEmpty() && (r == GENERAL ? !c.options().isEmpty() : c.options().contains(r));
        }
        int level = problem.levelNeeds().get(d - total - 1).scqfLevel();
        return c.scqfLevel() > 0 && c.scqfLevel() >= level;
    }

    /**
     * What candidate {@code i} adds to dimension {@code d} at most when it reaches it: its points, one credential,
     * or one for each of its awarding bodies.
     */
    private long gain(int i, int d) {
        if (d >= bodyBase) {
            return unit * problem.candidates().get(i).bodies().size();
        }
        return d >= named && d < total ? unit : points[i];
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
            int count = named + option;
            int flag = groupFlag[option] == null ? -1 : groupFlag[option][i];
            if (flag < 0 || next[flag] == 0) {
                if (flag >= 0) {
                    next[flag] = 1;
                }
                next[count] = Math.min(need[count], next[count] + unit);
                forgetWhenMet(next, count);
            }
        }
        for (int b = 0; b < bodyFlags.length; b++) {
            int r = problem.bodyNeeds().get(b).requirement();
            if (r != GENERAL && r != option) {
                continue;
            }
            int d = bodyBase + b;
            for (int flag : bodyFlags[b][i]) {
                if (next[d] < need[d] && next[flag] == 0) {
                    next[flag] = 1;
                    next[d] += unit;
                }
            }
            forgetWhenMet(next, d);
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

    /** A met minimum needs no memory of what it has seen: forgetting it lets equal states meet in the memo. */
    private void forgetWhenMet(long[] state, int d) {
        if (state[d] >= need[d] && flagsOf[d] != null) {
            for (int f : flagsOf[d]) {
                state[f] = 0;
            }
        }
    }

    private long units(BigDecimal v) {
        return v.movePointRight(scale).longValueExact();
    }

    /**
     * For one cap and each position i, which totals the cap's candidates from i on can make together, up to the
     * cap: the largest that fits a cap's remaining room is then exact, where the room alone overstates it
     * (two-decimal credit rarely fills a cap exactly). Sums are kept in steps of the greatest common divisor of
     * the candidates' points, in bit sets of at most {@link #MAX_BITS} bits in all; beyond that, null.
     */
    static final class SubsetSums {
        private static final long MAX_BITS = 64L * 1024 * 1024;
        private final long step;
        private final long[][] bits; // bits[i]: the sums candidates i.. can make, in steps; shared where equal

        private SubsetSums(long step, long[][] bits) {
            this.step = step;
            this.bits = bits;
        }

        static SubsetSums of(List<Candidate> candidates, long[] points, int cap, long max) {
            long step = 0;
            for (int i = 0; i < points.length; i++) {
                if (candidates.get(i).caps().contains(cap)) {
                    step = gcd(step, points[i]);
                }
            }
            if (step <= 0 || max < 0) {
                return null;
            }
            long width = max / step + 1;
            if (width * (points.length + 1) > MAX_BITS) {
                return null;
            }
            int words = (int) ((width + 63) / 64);
            long[][] bits = new long[points.length + 1][];
            bits[points.length] = new long[words];
            bits[points.length][0] = 1L; // the empty sum
            for (int i = points.length - 1; i >= 0; i--) {
                long[] after = bits[i + 1];
                if (!candidates.get(i).caps().contains(cap) || points[i] > max) {
                    bits[i] = after;
                    continue;
                }
                long[] now = after.clone();
                orShifted(now, after, points[i] / step, width);
                bits[i] = now;
            }
            return new SubsetSums(step, bits);
        }

        /** The largest sum the candidates from {@code i} on can make that is at most {@code room}. */
        long largestUpTo(int i, long room) {
            if (room < 0) {
                return 0;
            }
            long[] b = bits[i];
            long at = Math.min(room / step, (long) b.length * 64 - 1);
            int word = (int) (at >>> 6);
            long mask = b[word] & (-1L >>> (63 - (at & 63)));
            while (mask == 0) {
                mask = b[--word]; // bit 0 (the empty sum) is always set
            }
            return ((long) word * 64 + 63 - Long.numberOfLeadingZeros(mask)) * step;
        }

        private static void orShifted(long[] into, long[] from, long shift, long width) {
            int wordShift = (int) (shift >>> 6);
            int bitShift = (int) (shift & 63);
            for (int w = into.length - 1; w >= wordShift; w--) {
                int src = w - wordShift;
                long v = from[src] << bitShift;
                if (bitShift != 0 && src > 0) {
                    v |= from[src - 1] >>> (64 - bitShift);
                }
                into[w] |= v;
            }
            long extra = (long) into.length * 64 - width; // keep sums above the cap out
            if (extra > 0) {
                into[into.length - 1] &= -1L >>> extra;
            }
        }

        private static long gcd(long a, long b) {
            while (b != 0) {
                long t = a % b;
                a = b;
                b = t;
            }
            return a;
        }
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
