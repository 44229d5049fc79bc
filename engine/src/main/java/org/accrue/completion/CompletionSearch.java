package org.accrue.completion;

import org.accrue.allocation.Allocator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The least costly sets of offered credentials that, added to what a learner holds, let one award's allocation
 * meet every minimum; exact, by dynamic programming over the allocation's states.
 *
 * <p>The allocation semantics are the {@link Allocator}'s: every credential whole, counted toward at most one of
 * the requirements it may count toward (or general credit), each minimum met, no cap exceeded. The search goes
 * through the credentials in a fixed order (those held first, then those on offer in id order); its state is what
 * each minimum has received so far, capped at the minimum (more cannot help), what each cap has used, and, for
 * each offered credential that is another's prerequisite, whether the plan takes it. Each state keeps the best
 * few partial plans that reach it, ordered by their key: the objective, then the number of items, then their ids
 * in order. Two partial plans that reach the same state can be completed by exactly the same further choices, and
 * the key of a completion orders as the keys of the partial plans do (every later item sorts after every earlier
 * one), so keeping the best {@code L} partial plans of each state keeps the best {@code L} plans overall; with
 * a budget, a partial plan is dropped only when {@code L} others are both better and no dearer. A state from
 * which even every credential ahead could not meet some minimum is dropped.
 *
 * <p>Alternatives are the next best plans that are minimal (no item can be left out and the award still be
 * reached) and are no superset of a plan before them; if too few are found, the search runs again keeping
 * more partial plans per state.
 */
public final class CompletionSearch {
    /** A credential on offer: what it adds to the objective and what it costs, in whole units (cents). */
    public record Offer(long objective, long cost) {
    }

    /**
     * @param problem       the allocation problem with every held credential and every offered one that may count,
     *                      as candidates
     * @param offers        the offered credentials by id: candidates of the problem, and others that are only
     *                      prerequisites
     * @param prerequisites for an offered credential, the offered credentials it needs (those the learner holds
     *                      already left out)
     * @param budget        the most a plan may cost, in the offers' cost units, or -1 for no limit
     * @param alternatives  how many plans to find after the best
     */
    public record Input(Allocator.Problem problem, Map<String, Offer> offers, Map<String, List<String>> prerequisites,
                        long budget, int alternatives) {
    }

    /** A plan: the offered credentials' ids in order, and its totals. */
    public record Found(List<String> ids, long objective, long cost) {
    }

    /**
     * What the search found: the plans, best first (empty when none exists), and, when none exists, the minimum
     * dimensions that even everything on offer cannot meet ({@code dimension} as in {@link Dimension}).
     */
    public record Outcome(List<Found> plans, List<Unreachable> unreachable, long states) {
    }

    /** A minimum that cannot be met: at most {@code most} of the {@code need} (points, or credentials). */
    public record Unreachable(Dimension dimension, int index, BigDecimal most, BigDecimal need) {
    }

    /** The kinds of minimum, as the allocator orders them. */
    public enum Dimension {
        REQUIREMENT_POINTS, REQUIREMENT_CREDENTIALS, TOTAL, LEVEL
    }

    /** Partial plans kept per state at first; doubled when too few alternatives survive, up to {@link #MAX_KEEP}. */
    private static final int MAX_KEEP = 64;
    /** The most states one search may hold at once, so that no catalogue can exhaust the memory. */
    public static final int MAX_STATES = 2_000_000;

    public static Outcome search(Input input) {
        Model m = new Model(input);
        List<Unreachable> unreachable = m.unreachable();
        if (!unreachable.isEmpty()) {
            return new Outcome(List.of(), unreachable, 0);
        }
        int keep = Math.min(MAX_KEEP, input.alternatives() + 1);
        long states = 0;
        while (true) {
            Run run = new Run(m, keep);
            List<Label> finals = run.go();
            states += run.states;
            Chosen chosen = m.choose(finals, input.alternatives() + 1);
            // the first keep distinct plans the run found are the best keep there are; past them, plans may be missing
            if (!run.truncated || chosen.lastRank() < keep || keep >= MAX_KEEP) {
                return new Outcome(chosen.plans(), List.of(), states);
            }
            keep = Math.min(MAX_KEEP, keep * 2);
        }
    }

    /** The plans chosen, and the rank among all distinct plans found of the last one looked at. */
    private record Chosen(List<Found> plans, int lastRank) {
    }

    /** A partial plan: its key, its cost, and its items as a chain from the last taken back. */
    private record Label(long objective, int count, long cost, Node items) {
    }

    /** One item taken (a position), after the items before it. */
    private record Node(int position, Node before) {
    }

    /** The problem in whole units, the positions to go through, and the state's packing. */
    private static final class Model {
        final Input input;
        final Allocator.Problem p;
        final int named;
        final int levels;
        final int total;
        final int mins;
        final int caps;
        final long[] need;     // per minimum dimension, in its steps
        final long[] capMax;   // per cap, in its steps
        final long[] radix;    // per dimension (minimums, then caps)
        final long[] mult;
        final long[] step;     // units per step, per dimension
        final BigDecimal unitValue;
        // positions: held candidates first, then offers in id order
        final int n;
        final String[] id;
        final int[] candidate;     // index into problem.candidates(), or -1
        final Offer[] offer;       // null for held
        final long[][] gain;       // [position][dimension] the steps it adds if counted (for counts: 1)
        final boolean[][] reaches; // [position][dimension]
        final int[][] options;     // [position] options: requirement index, GENERAL, or NONE (take, count nothing)
        final int[][] capsOf;
        final int[] bit;           // [position] its prerequisite bit, or -1
        final int[][] needsBits;   // [position] the bits of its prerequisites
        final long[] clearAfter;   // [position] the bits no position after it refers to
        final long[][] ahead;      // [dimension][position] the most the positions from here on can add
        final int prereqBits;

        static final int NONE = -3;

        Model(Input input) {
            this.input = input;
            this.p = input.problem();
            this.named = p.requirementNeeds().size();
            this.levels = p.levelNeeds().size();
            this.total = 2 * named;
            this.mins = total + 1 + levels;
            this.caps = p.capMaxima().size();
            int scale = scaleOf(p);
            this.unitValue = BigDecimal.ONE.movePointLeft(scale);
            // positions
            List<Integer> held = new ArrayList<>();
            List<String> offered = new ArrayList<>(input.offers().keySet());
            offered.sort(Comparator.naturalOrder());
            Map<String, Integer> candidateIndex = new HashMap<>();
            for (int i = 0; i < p.candidates().size(); i++) {
                String cid = p.candidates().get(i).id();
                candidateIndex.put(cid, i);
                if (!input.offers().containsKey(cid)) {
                    held.add(i);
                }
            }
            this.n = held.size() + offered.size();
            this.id = new String[n];
            this.candidate = new int[n];
            this.offer = new Offer[n];
            int at = 0;
            for (int h : held) {
                id[at] = p.candidates().get(h).id();
                candidate[at++] = h;
            }
            Map<String, Integer> position = new HashMap<>();
            for (String o : offered) {
                id[at] = o;
                candidate[at] = candidateIndex.getOrDefault(o, -1);
                offer[at] = input.offers().get(o);
                position.put(o, at++);
            }
            // prerequisite bits: offers another offer needs
            Map<String, Integer> bits = new HashMap<>();
            for (String o : offered) {
                for (String q : input.prerequisites().getOrDefault(o, List.of())) {
                    if (!position.containsKey(q)) {
                        throw new IllegalArgumentException("prerequisite " + q + " of " + o + " is not on offer");
                    }
                    bits.computeIfAbsent(q, k -> bits.size());
                }
            }
            if (bits.size() > 62) {
                throw new IllegalArgumentException("more than 62 prerequisites in one plan");
            }
            this.prereqBits = bits.size();
            this.bit = new int[n];
            this.needsBits = new int[n][];
            this.clearAfter = new long[n];
            int[] last = new int[bits.size()];
            for (int i = 0; i < n; i++) {
                bit[i] = offer[i] == null ? -1 : bits.getOrDefault(id[i], -1);
                if (bit[i] >= 0) {
                    last[bit[i]] = Math.max(last[bit[i]], i);
                }
                List<String> qs = offer[i] == null ? List.of() : input.prerequisites().getOrDefault(id[i], List.of());
                needsBits[i] = qs.stream().mapToInt(bits::get).toArray();
                for (int b : needsBits[i]) {
                    last[b] = Math.max(last[b], i);
                }
            }
            for (int b = 0; b < last.length; b++) {
                clearAfter[last[b]] |= 1L << b;
            }
            // dimensions in whole units, then in steps of their greatest common divisor
            int dims = mins + caps;
            long[] units = new long[dims];
            long unit = BigDecimal.ONE.movePointRight(scale).longValueExact();
            for (int r = 0; r < named; r++) {
                units[r] = toUnits(p.requirementNeeds().get(r), scale);
                units[named + r] = p.requirementCountNeeds().get(r);
            }
            units[total] = p.totalNeed() == null ? 0 : toUnits(p.totalNeed(), scale);
            for (int l = 0; l < levels; l++) {
                units[total + 1 + l] = toUnits(p.levelNeeds().get(l).need(), scale);
            }
            for (int k = 0; k < caps; k++) {
                units[mins + k] = toUnits(p.capMaxima().get(k), scale);
            }
            long[] pts = new long[n];
            this.reaches = new boolean[n][dims];
            this.options = new int[n][];
            this.capsOf = new int[n][];
            for (int i = 0; i < n; i++) {
                Allocator.Candidate c = candidate[i] < 0 ? null : p.candidates().get(candidate[i]);
                pts[i] = c == null ? 0 : toUnits(c.points(), scale);
                List<Integer> opts = new ArrayList<>(c == null ? List.of() : c.options());
                boolean none = offer[i] != null ? bit[i] >= 0 || c == null // taken for the item it opens
                        : !c.caps().isEmpty(); // held, and left out where a cap applies
                if (none) {
                    opts.add(NONE);
                }
                options[i] = opts.stream().mapToInt(Integer::intValue).toArray();
                capsOf[i] = c == null ? new int[0] : c.caps().stream().mapToInt(Integer::intValue).toArray();
                if (c != null) {
                    for (int d = 0; d < mins; d++) {
                        reaches[i][d] = reaches(c, d);
                    }
                    for (int k : capsOf[i]) {
                        reaches[i][mins + k] = true;
                    }
                }
            }
            this.step = new long[dims];
            for (int d = 0; d < dims; d++) {
                boolean count = d >= named && d < total;
                long g = d < mins ? units[d] : 0;
                for (int i = 0; i < n; i++) {
                    if (reaches[i][d]) {
                        g = gcd(g, count ? 1 : pts[i]);
                    }
                }
                step[d] = g <= 0 ? 1 : g;
            }
            this.need = new long[mins];
            this.capMax = new long[caps];
            this.radix = new long[dims];
            for (int d = 0; d < mins; d++) {
                need[d] = units[d] / step[d];
                radix[d] = need[d] + 1;
            }
            for (int k = 0; k < caps; k++) {
                capMax[k] = units[mins + k] / step[mins + k];
                radix[mins + k] = capMax[k] + 1;
            }
            this.mult = new long[dims];
            long m = 1;
            long limit = Long.MAX_VALUE >>> (prereqBits + 1);
            for (int d = 0; d < dims; d++) {
                mult[d] = m;
                if (radix[d] > limit / m) {
                    throw new IllegalArgumentException("the award's minimums and caps have too many distinct states "
                            + "to plan exactly");
                }
                m *= radix[d];
            }
            this.gain = new long[n][dims];
            for (int i = 0; i < n; i++) {
                for (int d = 0; d < dims; d++) {
                    if (reaches[i][d]) {
                        boolean count = d >= named && d < total;
                        gain[i][d] = count ? 1 : pts[i] / step[d];
                    }
                }
            }
            this.ahead = new long[mins][n + 1];
            for (int i = n - 1; i >= 0; i--) {
                for (int d = 0; d < mins; d++) {
                    ahead[d][i] = ahead[d][i + 1] + (reaches[i][d] ? gain[i][d] : 0);
                }
            }
            if (unit <= 0) {
                throw new IllegalStateException();
            }
        }

        private boolean reaches(Allocator.Candidate c, int d) {
            if (d < total) {
                return c.options().contains(d % named);
            }
            if (d == total) {
                return true;
            }
            int level = p.levelNeeds().get(d - total - 1).scqfLevel();
            return c.scqfLevel() > 0 && c.scqfLevel() >= level;
        }

        /** The minimums that everything held and on offer together cannot meet. */
        List<Unreachable> unreachable() {
            List<Unreachable> out = new ArrayList<>();
            for (int d = 0; d < mins; d++) {
                if (ahead[d][0] < need[d]) {
                    Dimension kind = d < named ? Dimension.REQUIREMENT_POINTS : d < total
                            ? Dimension.REQUIREMENT_CREDENTIALS : d == total ? Dimension.TOTAL : Dimension.LEVEL;
                    int index = d < named ? d : d < total ? d - named : d == total ? 0 : d - total - 1;
                    boolean count = kind == Dimension.REQUIREMENT_CREDENTIALS;
                    out.add(new Unreachable(kind, index, value(ahead[d][0], d, count), value(need[d], d, count)));
                }
            }
            return out;
        }

        private BigDecimal value(long steps, int d, boolean count) {
            return count ? BigDecimal.valueOf(steps)
                    : unitValue.multiply(BigDecimal.valueOf(steps * step[d])).stripTrailingZeros();
        }

        /** The value of dimension {@code d} in a packed state. */
        long at(long state, int d) {
            return (state / mult[d]) % radix[d];
        }

        /** The state after position {@code i} counts toward {@code option}, or -1 when a cap would be exceeded. */
        long apply(int i, int option, long state) {
            if (option == NONE) {
                return state;
            }
            long next = state;
            if (option >= 0) {
                next = add(next, option, gain[i][option]);
                next = add(next, named + option, 1);
            }
            next = add(next, total, gain[i][total]);
            for (int l = 0; l < levels; l++) {
                int d = total + 1 + l;
                if (reaches[i][d]) {
                    next = add(next, d, gain[i][d]);
                }
            }
            for (int k : capsOf[i]) {
                int d = mins + k;
                long used = at(next, d) + gain[i][d];
                if (used > capMax[k]) {
                    return -1;
                }
                next += gain[i][d] * mult[d];
            }
            return next;
        }

        private long add(long state, int d, long g) {
            long v = at(state, d);
            long to = Math.min(need[d], v + g);
            return state + (to - v) * mult[d];
        }

        /** True when the positions from {@code i} on could still meet every minimum from {@code state}. */
        boolean hopeful(long state, int i) {
            for (int d = 0; d < mins; d++) {
                if (at(state, d) + ahead[d][i] < need[d]) {
                    return false;
                }
            }
            return true;
        }

        boolean complete(long state) {
            for (int d = 0; d < mins; d++) {
                if (at(state, d) < need[d]) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The best {@code wanted} plans among the final partial plans: minimal, none a superset of an earlier one;
         * with the rank among the distinct plans of the last one looked at.
         */
        Chosen choose(List<Label> finals, int wanted) {
            finals.sort(this::compare);
            List<Found> out = new ArrayList<>();
            int rank = -1;
            List<Set<String>> taken = new ArrayList<>();
            Set<List<String>> seen = new HashSet<>();
            for (Label l : finals) {
                List<String> ids = ids(l.items());
                if (!seen.add(ids)) {
                    continue;
                }
                rank = seen.size() - 1;
                Set<String> set = Set.copyOf(ids);
                if (taken.stream().anyMatch(set::containsAll) || !minimal(ids)) {
                    continue;
                }
                taken.add(set);
                out.add(new Found(ids, l.objective(), l.cost()));
                if (out.size() == wanted) {
                    break;
                }
            }
            // fewer than wanted: every plan found was looked at, and more may have been dropped
            return new Chosen(out, out.size() == wanted ? rank : Integer.MAX_VALUE);
        }

        /** No item that no other item of the plan needs can be left out with every minimum still met. */
        private boolean minimal(List<String> plan) {
            Set<String> needed = new HashSet<>();
            for (String i : plan) {
                needed.addAll(input.prerequisites().getOrDefault(i, List.of()));
            }
            for (String leave : plan) {
                if (needed.contains(leave)) {
                    continue;
                }
                List<Allocator.Candidate> kept = new ArrayList<>();
                for (Allocator.Candidate c : p.candidates()) {
                    boolean offered = input.offers().containsKey(c.id());
                    if (!offered || (!c.id().equals(leave) && plan.contains(c.id()))) {
                        kept.add(c);
                    }
                }
                Allocator.Problem without = new Allocator.Problem(p.requirementNeeds(), p.requirementCountNeeds(),
                        p.totalNeed(), p.levelNeeds(), p.capMaxima(), kept);
                if (Allocator.solve(without).meetsAll()) {
                    return false;
                }
            }
            return true;
        }

        List<String> ids(Node items) {
            List<String> out = new ArrayList<>();
            for (Node x = items; x != null; x = x.before()) {
                out.add(id[x.position()]);
            }
            java.util.Collections.reverse(out);
            return out;
        }

        /** The key order: objective, then fewer items, then the items' ids in order. */
        int compare(Label a, Label b) {
            int c = Long.compare(a.objective(), b.objective());
            if (c != 0) {
                return c;
            }
            c = Integer.compare(a.count(), b.count());
            if (c != 0) {
                return c;
            }
            return compareItems(a.items(), b.items(), a.count());
        }

        static int compareItems(Node a, Node b, int count) {
            if (a == b) {
                return 0;
            }
            int[] x = positions(a, count);
            int[] y = positions(b, count);
            return Arrays.compare(x, y);
        }

        static int[] positions(Node n, int count) {
            int[] out = new int[count];
            for (int i = count - 1; n != null; n = n.before()) {
                out[i--] = n.position();
            }
            return out;
        }
    }

    /** One pass of the dynamic programme, keeping up to {@code keep} partial plans per state. */
    private static final class Run {
        final Model m;
        final int keep;
        final boolean budgeted;
        boolean truncated;
        long states;

        Run(Model m, int keep) {
            this.m = m;
            this.keep = keep;
            // with a budget on something other than the objective, a dearer partial plan may still be needed
            this.budgeted = m.input.budget() >= 0;
        }

        List<Label> go() {
            Map<Long, List<Label>> layer = new HashMap<>();
            if (m.hopeful(0, 0)) {
                layer.put(0L, new ArrayList<>(List.of(new Label(0, 0, 0, null))));
            }
            long bitMask = m.prereqBits == 0 ? 0 : ((1L << m.prereqBits) - 1);
            int shift = 63 - m.prereqBits;
            for (int i = 0; i < m.n; i++) {
                Map<Long, List<Label>> next = new HashMap<>(Math.max(16, layer.size() * 2));
                Offer o = m.offer[i];
                for (Map.Entry<Long, List<Label>> e : layer.entrySet()) {
                    long key = e.getKey();
                    long state = m.prereqBits == 0 ? key : key & ((1L << shift) - 1);
                    long bits = m.prereqBits == 0 ? 0 : (key >>> shift) & bitMask;
                    if (o == null) {
                        for (int option : m.options[i]) {
                            long s = m.apply(i, option, state);
                            if (s >= 0) {
                                put(next, i + 1, s, bits, shift, e.getValue(), null, 0);
                            }
                        }
                        continue;
                    }
                    boolean committed = m.bit[i] >= 0 && (bits & (1L << m.bit[i])) != 0;
                    if (!committed) {
                        put(next, i + 1, state, bits, shift, e.getValue(), null, i);
                    }
                    long after = bits;
                    boolean open = true;
                    for (int b : m.needsBits[i]) {
                        int q = positionOfBit(b);
                        if (q < i && (bits & (1L << b)) == 0) {
                            open = false; // a prerequisite earlier in the order and not taken
                        }
                        after |= 1L << b;
                    }
                    if (!open) {
                        continue;
                    }
                    if (m.bit[i] >= 0) {
                        after |= 1L << m.bit[i];
                    }
                    for (int option : m.options[i]) {
                        long s = m.apply(i, option, state);
                        if (s >= 0) {
                            put(next, i + 1, s, after, shift, e.getValue(), o, i);
                        }
                    }
                }
                if (m.clearAfter[i] != 0) {
                    next = cleared(next, m.clearAfter[i], shift);
                }
                states += next.size();
                if (next.size() > MAX_STATES) {
                    throw new IllegalArgumentException("the plan search went over its limit of " + MAX_STATES
                            + " states");
                }
                layer = next;
            }
            List<Label> finals = new ArrayList<>();
            for (Map.Entry<Long, List<Label>> e : layer.entrySet()) {
                long key = e.getKey();
                long state = m.prereqBits == 0 ? key : key & ((1L << shift) - 1);
                long bits = m.prereqBits == 0 ? 0 : key >>> shift;
                if (bits == 0 && m.complete(state)) {
                    finals.addAll(e.getValue());
                }
            }
            return finals;
        }

        private int[] bitPosition;

        private int positionOfBit(int b) {
            if (bitPosition == null) {
                bitPosition = new int[m.prereqBits];
                for (int i = 0; i < m.n; i++) {
                    if (m.bit[i] >= 0) {
                        bitPosition[m.bit[i]] = i;
                    }
                }
            }
            return bitPosition[b];
        }

        private Map<Long, List<Label>> cleared(Map<Long, List<Label>> layer, long clear, int shift) {
            Map<Long, List<Label>> out = new HashMap<>(layer.size() * 2);
            long mask = ~(clear << shift);
            for (Map.Entry<Long, List<Label>> e : layer.entrySet()) {
                long key = e.getKey() & mask;
                List<Label> into = out.get(key);
                if (into == null) {
                    out.put(key, e.getValue());
                } else {
                    for (Label l : e.getValue()) {
                        offer(into, l);
                    }
                }
            }
            return out;
        }

        /** Every partial plan of {@code from} extended by position {@code i} (taken when {@code o} is given). */
        private void put(Map<Long, List<Label>> next, int ahead, long state, long bits, int shift, List<Label> from,
                         Offer o, int i) {
            if (!m.hopeful(state, ahead)) {
                return;
            }
            long key = m.prereqBits == 0 ? state : state | (bits << shift);
            List<Label> into = next.get(key);
            for (Label l : from) {
                Label x = o == null ? l : new Label(l.objective() + o.objective(), l.count() + 1, l.cost() + o.cost(),
                        new Node(i, l.items()));
                if (budgeted && x.cost() > m.input.budget()) {
                    continue;
                }
                if (into == null) {
                    into = new ArrayList<>(2);
                    next.put(key, into);
                }
                offer(into, x);
            }
        }

        /** Adds a partial plan to a state's list unless {@code keep} others are at least as good (and no dearer). */
        private void offer(List<Label> into, Label x) {
            int better = 0;
            for (Label y : into) {
                int c = m.compare(y, x);
                if (c == 0) {
                    return; // the same items, reached by another allocation
                }
                if (c < 0 && (!budgeted || y.cost() <= x.cost())) {
                    better++;
                }
            }
            if (better >= keep) {
                truncated = true;
                return;
            }
            int at = 0;
            while (at < into.size() && m.compare(into.get(at), x) < 0) {
                at++;
            }
            into.add(at, x);
            // drop partial plans that now have keep better ones
            for (int j = into.size() - 1; j > at; j--) {
                Label y = into.get(j);
                int dominating = 0;
                for (int k = 0; k < j; k++) {
                    Label z = into.get(k);
                    if (!budgeted || z.cost() <= y.cost()) {
                        dominating++;
                    }
                }
                if (dominating >= keep) {
                    into.remove(j);
                    truncated = true;
                }
            }
        }
    }

    private static long toUnits(BigDecimal v, int scale) {
        return v.movePointRight(scale).longValueExact();
    }

    private static int scaleOf(Allocator.Problem p) {
        int scale = p.totalNeed() == null ? 0 : Math.max(0, p.totalNeed().scale());
        for (BigDecimal v : p.requirementNeeds()) {
            scale = Math.max(scale, v.scale());
        }
        for (BigDecimal v : p.capMaxima()) {
            scale = Math.max(scale, v.scale());
        }
        for (Allocator.LevelNeed l : p.levelNeeds()) {
            scale = Math.max(scale, l.need().scale());
        }
        for (Allocator.Candidate c : p.candidates()) {
            scale = Math.max(scale, c.points().scale());
        }
        return Math.max(0, scale);
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
