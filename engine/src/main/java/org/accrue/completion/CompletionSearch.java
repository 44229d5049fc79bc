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
 * through the credentials in a fixed order: those held first, then those on offer, the least objective per point
 * first, with items linked by prerequisites kept together. Its state is what each minimum has received so far,
 * capped at the minimum (more cannot help), what each cap has used, and, for each offered credential that is
 * another's prerequisite, whether the plan takes it; and for each minimum that counts what is distinct (a requirement of
 * a number of credentials where a module is on hand twice, an award's or requirement's number of different awarding
 * bodies) the modules or bodies it has counted, as the allocation search keeps them: a set forgotten once the minimum
 * is met. Each state keeps the best few partial plans that reach it,
 * ordered by their key: the objective, then the number of items, then their ids listed in order. Two partial plans
 * that reach the same state can be completed by exactly the same further choices, and adding the same items to
 * both keeps their order: objectives and counts add alike, and between two sets of the same size the one listed
 * first is the one holding the smallest id the other lacks, which later items cannot change, whatever the order of
 * the search. So keeping the best {@code L} partial plans of each state keeps the best {@code L} plans overall; with
 * a budget, a partial plan is dropped only when {@code L} others are both better and no dearer.
 *
 * <p>A partial plan is cut when even the cheapest completion could not beat the limit sought: its objective and
 * number of items, plus a lower bound on what the items ahead must add (each minimum's shortfall at the least
 * objective per point an item ahead gives it, levels chained; and the fewest items that could fill it). The limit
 * starts at exactly the least any plan could have, and is raised only when it cut away plans that were wanted. A
 * state from which even every credential ahead could not meet some minimum is dropped.
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
    public record Outcome(List<Found> plans, List<Unreachable> unreachable) {
    }

    /** A minimum that cannot be met: at most {@code most} of the {@code need} (points, or credentials). */
    public record Unreachable(Dimension dimension, int index, BigDecimal most, BigDecimal need) {
    }

    /** The kinds of minimum, as the allocator orders them. */
    public enum Dimension {
        REQUIREMENT_POINTS, REQUIREMENT_CREDENTIALS, TOTAL, LEVEL,
        /** A {@link Allocator.BodyNeed}: different awarding bodies; {@code index} is its place in the problem's list. */
        BODIES
    }

    /** Partial plans kept per state at first; doubled when too few alternatives survive, up to {@link #MAX_KEEP}. */
    private static final int MAX_KEEP = 64;
    /** The most states one search may hold at once, so that no catalogue can exhaust the memory. */
    public static final int MAX_STATES = 2_000_000;

    public static Outcome search(Input input) {
        Model m = new Model(input);
        List<Unreachable> unreachable = m.unreachable();
        if (!unreachable.isEmpty()) {
            return new Outcome(List.of(), unreachable);
        }
        int keep = Math.min(MAX_KEEP, input.alternatives() + 1);
        int wanted = input.alternatives() + 1;
        int step = 0;
        double factor = FACTORS[0];
        while (true) {
            Run run = new Run(m, keep, factor);
            List<Label> finals = run.go();
            Chosen chosen = m.choose(finals, wanted);
            if (chosen.plans().size() < wanted && run.bounded) {
                factor = ++step < FACTORS.length ? FACTORS[step] : Double.POSITIVE_INFINITY; // the bound cut too much
                continue;
            }
            // the first keep distinct plans the run found are the best keep there are; past them, plans may be missing
            if (!run.truncated || chosen.lastRank() < keep || keep >= MAX_KEEP) {
                return new Outcome(chosen.plans(), List.of());
            }
            keep = Math.min(MAX_KEEP, keep * 2);
        }
    }

    /**
     * The bounds on a plan's objective tried in turn, as multiples of the least any plan can have (the lower bound
     * once the held credentials are placed): a tight bound makes a small search, and is raised each time it cuts away
     * plans that were wanted, until there is none.
     */
    private static final double[] FACTORS = {1, 1.01, 1.03, 1.1, 1.25, 1.6, 2.5, 5, 20};

    /** The plans chosen, and the rank among all distinct plans found of the last one looked at. */
    private record Chosen(List<Found> plans, int lastRank) {
    }

    /** A partial plan: its key, its cost, and its items as a chain from the last taken back. */
    private record Label(long objective, int count, long cost, Node items) {
    }

    /** One item taken (a position), after the items before it; the items' id ranks in order, made when first asked. */
    private static final class Node {
        final int position;
        final Node before;
        private int[] sorted;

        Node(int position, Node before) {
            this.position = position;
            this.before = before;
        }

        int position() {
            return position;
        }

        Node before() {
            return before;
        }

        /** The ranks of the items from here back, in order: the parent's with this one's inserted. */
        int[] sorted(int[] rank) {
            if (sorted == null) {
                int[] parent = before == null ? new int[0] : before.sorted(rank);
                int r = rank[position];
                int at = Arrays.binarySearch(parent, r);
                at = at < 0 ? -at - 1 : at;
                int[] out = new int[parent.length + 1];
                System.arraycopy(parent, 0, out, 0, at);
                out[at] = r;
                System.arraycopy(parent, at, out, at + 1, parent.length - at);
                sorted = out;
            }
            return sorted;
        }
    }

    /** The problem in whole units, the positions to go through, and the state's packing. */
    private static final class Model {
        final Input input;
        final Allocator.Problem p;
        final int named;
        final int levels;
        final int total;
        final int bodyBase;    // the first awarding-body minimum
        final int mins;
        final int dims;        // minimums, caps, then the sets of what distinct minimums have seen
        final Distinct[] distinct;
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
        final int[] bitPosition;   // [bit] the position of the offer it stands for
        final int[] rank;          // [position] an offer's rank in id order
        final double[][] ratioAhead; // [dimension][position] the least objective per step an offer from here on gives
        final long cheapest;       // the least objective of an offer above zero
        final long weight;         // a plan's objective and number of items as one figure: objective * weight + count
        final long[][] maxGainAhead; // [dimension][position] the most one offer from here on adds to it
        final int[] chain;         // the level minimums from the highest level down, then the total

        static final int NONE = -3;

        Model(Input input) {
            this.input = input;
            this.p = input.problem();
            this.named = p.requirementNeeds().size();
            this.levels = p.levelNeeds().size();
            this.total = 2 * named;
            this.bodyBase = total + 1 + levels;
            this.mins = bodyBase + p.bodyNeeds().size();
            this.caps = p.capMaxima().size();
            int scale = p.scale();
            this.unitValue = BigDecimal.ONE.movePointLeft(scale);
            // positions
            List<Integer> held = new ArrayList<>();
            List<String> offered = new ArrayList<>(input.offers().keySet());
            offered.sort(Comparator.naturalOrder());
            Map<String, Integer> idRank = new HashMap<>();
            for (String o : offered) {
                idRank.put(o, idRank.size());
            }
            Map<String, Integer> candidateIndex = new HashMap<>();
            for (int i = 0; i < p.candidates().size(); i++) {
                String cid = p.candidates().get(i).id();
                candidateIndex.put(cid, i);
                if (!input.offers().containsKey(cid)) {
                    held.add(i);
                }
            }
            Map<String, Double> perPoint = new HashMap<>();
            for (String o : offered) {
                Integer c = candidateIndex.get(o);
                double points = c == null ? 0 : p.candidates().get(c).points().doubleValue();
                perPoint.put(o, points <= 0 ? Double.POSITIVE_INFINITY : input.offers().get(o).objective() / points);
            }
            offered = clustered(offered, input.prerequisites(), perPoint);
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
            this.rank = new int[n];
            for (String o : offered) {
                rank[at] = idRank.get(o);
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
            this.bitPosition = new int[bits.size()];
            for (int i = 0; i < n; i++) {
                if (bit[i] >= 0) {
                    bitPosition[bit[i]] = i;
                }
            }
            // dimensions in whole units, then in steps of their greatest common divisor
            long[] units = new long[mins + caps];
            for (int r = 0; r < named; r++) {
                units[r] = toUnits(p.requirementNeeds().get(r), scale);
                units[named + r] = p.requirementCountNeeds().get(r);
            }
            units[total] = p.totalNeed() == null ? 0 : toUnits(p.totalNeed(), scale);
            for (int l = 0; l < levels; l++) {
                units[total + 1 + l] = toUnits(p.levelNeeds().get(l).need(), scale);
            }
            for (int b = 0; b < p.bodyNeeds().size(); b++) {
                units[bodyBase + b] = p.bodyNeeds().get(b).need();
            }
            for (int k = 0; k < caps; k++) {
                units[mins + k] = toUnits(p.capMaxima().get(k), scale);
            }
            this.distinct = distinctSets();
            this.dims = mins + caps + distinct.length;
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
            Arrays.fill(step, 1);
            for (int d = 0; d < mins + caps; d++) {
                boolean count = isCount(d);
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
            for (int j = 0; j < distinct.length; j++) {
                radix[mins + caps + j] = distinct[j].states;
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
                        gain[i][d] = d >= bodyBase && d < mins ? bodyCount(i)
                                : isCount(d) ? 1 : pts[i] / step[d];
                    }
                }
            }
            this.ratioAhead = new double[mins][n + 1];
            long least = Long.MAX_VALUE;
            for (int d = 0; d < mins; d++) {
                ratioAhead[d][n] = Double.POSITIVE_INFINITY;
            }
            for (int i = n - 1; i >= 0; i--) {
                for (int d = 0; d < mins; d++) {
                    double r = !reaches[i][d] || gain[i][d] == 0 ? Double.POSITIVE_INFINITY
                            : offer[i] == null ? 0 : (double) offer[i].objective() / gain[i][d];
                    ratioAhead[d][i] = Math.min(ratioAhead[d][i + 1], r);
                }
                if (offer[i] != null && offer[i].objective() > 0) {
                    least = Math.min(least, offer[i].objective());
                }
            }
            this.cheapest = least == Long.MAX_VALUE ? 1 : least;
            this.weight = n + 1L;
            this.maxGainAhead = new long[mins][n + 1];
            for (int i = n - 1; i >= 0; i--) {
                for (int d = 0; d < mins; d++) {
                    long g = offer[i] != null && reaches[i][d] ? gain[i][d] : 0;
                    maxGainAhead[d][i] = Math.max(maxGainAhead[d][i + 1], g);
                }
            }
            List<Integer> chained = new ArrayList<>();
            for (int l = 0; l < levels; l++) {
                chained.add(total + 1 + l);
            }
            chained.sort(Comparator.comparing((Integer d) -> -p.levelNeeds().get(d - total - 1).scqfLevel()));
            chained.add(total);
            this.chain = chained.stream().mapToInt(Integer::intValue).toArray();
            this.ahead = new long[mins][n + 1];
            for (int i = n - 1; i >= 0; i--) {
                for (int d = 0; d < mins; d++) {
                    ahead[d][i] = ahead[d][i + 1] + (reaches[i][d] ? gain[i][d] : 0);
                }
            }
        }

        private boolean reaches(Allocator.Candidate c, int d) {
            if (d >= bodyBase) {
                int r = p.bodyNeeds().get(d - bodyBase).requirement();
                return !c.bodies().isEmpty() && (r == Allocator.GENERAL || c.options().contains(r));
            }
            if (d < total) {
                return c.options().contains(d % named);
            }
            if (d == total) {
                return true;
            }
            int level = p.levelNeeds().get(d - total - 1).scqfLevel();
            return c.scqfLevel() > 0 && c.scqfLevel() >= level;
        }

        /** A minimum that counts credentials or awarding bodies (not points). */
        boolean isCount(int d) {
            return d >= named && d < total || d >= bodyBase && d < mins;
        }

        /** How many awarding bodies position {@code i}'s credential names. */
        private int bodyCount(int i) {
            return candidate[i] < 0 ? 0 : p.candidates().get(candidate[i]).bodies().size();
        }

        /**
         * The minimums that count what is distinct, each with the set of what it has seen as a dimension of the
         * state: a requirement of a number of credentials where one module (a {@link Allocator.Candidate#group()})
         * is there twice, and every awarding-body minimum. As in the allocation search, the set is forgotten once
         * the minimum is met, so it holds fewer than the minimum's need.
         */
        private Distinct[] distinctSets() {
            List<Distinct> out = new ArrayList<>();
            for (int r = 0; r < named; r++) {
                if (p.requirementCountNeeds().get(r) <= 0) {
                    continue;
                }
                Map<String, Integer> seen = new HashMap<>();
                for (int i = 0; i < n; i++) {
                    Allocator.Candidate c = candidate[i] < 0 ? null : p.candidates().get(candidate[i]);
                    if (c != null && c.group() != null && c.options().contains(r)) {
                        seen.merge(c.group(), 1, Integer::sum);
                    }
                }
                Map<String, Integer> tokens = new HashMap<>();
                seen.forEach((g, k) -> {
                    if (k > 1) {
                        tokens.put(g, 0);
                    }
                });
                if (tokens.isEmpty()) {
                    continue; // every module once: each credential counted is a new one
                }
                number(tokens);
                int[][] of = new int[n][];
                int untracked = 0;
                for (int i = 0; i < n; i++) {
                    Allocator.Candidate c = candidate[i] < 0 ? null : p.candidates().get(candidate[i]);
                    boolean toward = c != null && c.options().contains(r);
                    Integer t = !toward || c.group() == null ? null : tokens.get(c.group());
                    of[i] = t == null ? new int[0] : new int[]{t};
                    untracked += toward && t == null ? 1 : 0;
                }
                out.add(new Distinct(named + r, r, of, tokens.size(), untracked, p.requirementCountNeeds().get(r)));
            }
            for (int b = 0; b < p.bodyNeeds().size(); b++) {
                Allocator.BodyNeed need = p.bodyNeeds().get(b);
                Map<String, Integer> tokens = new HashMap<>();
                for (int i = 0; i < n; i++) {
                    Allocator.Candidate c = candidate[i] < 0 ? null : p.candidates().get(candidate[i]);
                    if (c != null && reaches(c, bodyBase + b)) {
                        c.bodies().forEach(x -> tokens.put(x, 0));
                    }
                }
                number(tokens);
                int[][] of = new int[n][];
                for (int i = 0; i < n; i++) {
                    Allocator.Candidate c = candidate[i] < 0 ? null : p.candidates().get(candidate[i]);
                    of[i] = c == null || !reaches(c, bodyBase + b) ? new int[0]
                            : c.bodies().stream().mapToInt(tokens::get).sorted().toArray();
                }
                out.add(new Distinct(bodyBase + b, need.requirement(), of, tokens.size(), 0, need.need()));
            }
            return out.toArray(Distinct[]::new);
        }

        /** Numbers the keys 0, 1, ... in their order. */
        private static void number(Map<String, Integer> tokens) {
            List<String> keys = new ArrayList<>(tokens.keySet());
            keys.sort(Comparator.naturalOrder());
            for (int t = 0; t < keys.size(); t++) {
                tokens.put(keys.get(t), t);
            }
        }

        /** The minimums that everything held and on offer together cannot meet. */
        List<Unreachable> unreachable() {
            List<Unreachable> out = new ArrayList<>();
            long[] most = new long[mins];
            for (int d = 0; d < mins; d++) {
                most[d] = ahead[d][0];
            }
            for (Distinct x : distinct) {
                most[x.minimum] = Math.min(most[x.minimum], x.mostDistinct());
            }
            for (int d = 0; d < mins; d++) {
                if (most[d] < need[d]) {
                    Dimension kind = d < named ? Dimension.REQUIREMENT_POINTS : d < total
                            ? Dimension.REQUIREMENT_CREDENTIALS : d == total ? Dimension.TOTAL
                            : d < bodyBase ? Dimension.LEVEL : Dimension.BODIES;
                    int index = d < named ? d : d < total ? d - named : d == total ? 0
                            : d < bodyBase ? d - total - 1 : d - bodyBase;
                    boolean count = isCount(d);
                    out.add(new Unreachable(kind, index, value(most[d], d, count), value(need[d], d, count)));
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
        /** The values of every dimension of a packed state. */
        void decode(long state, long[] into) {
            for (int d = 0; d < into.length; d++) {
                into[d] = (state / mult[d]) % radix[d];
            }
        }

        /**
         * The state after position {@code i} counts toward {@code option} (its values decoded in {@code v}), or -1
         * when a cap would be exceeded.
         */
        long apply(int i, int option, long state, long[] v) {
            if (option == NONE) {
                return state;
            }
            long next = state;
            if (option >= 0) {
                next += (Math.min(need[option], v[option] + gain[i][option]) - v[option]) * mult[option];
                int c = named + option;
                if (!counted(c)) {
                    next += (Math.min(need[c], v[c] + 1) - v[c]) * mult[c];
                }
            }
            for (int j = 0; j < distinct.length; j++) {
                Distinct x = distinct[j];
                if (option == NONE || x.requirement != Allocator.GENERAL && x.requirement != option
                        || v[x.minimum] >= need[x.minimum]) {
                    continue; // not counted toward it, or it is met already
                }
                int setDim = mins + caps + j;
                long set = x.set((int) v[setDim]);
                int[] tokens = x.tokens[i];
                long added = x.requirement == Allocator.GENERAL || x.minimum >= bodyBase ? 0 : tokens.length == 0 ? 1 : 0;
                for (int t : tokens) {
                    if (!x.contains(set, t)) {
                        set = x.add(set, t);
                        added++;
                    }
                }
                long reached = Math.min(need[x.minimum], v[x.minimum] + added);
                next += (reached - v[x.minimum]) * mult[x.minimum];
                long index = reached >= need[x.minimum] ? 0 : x.intern(set);
                next += (index - v[setDim]) * mult[setDim];
            }
            next += (Math.min(need[total], v[total] + gain[i][total]) - v[total]) * mult[total];
            for (int l = 0; l < levels; l++) {
                int d = total + 1 + l;
                if (reaches[i][d]) {
                    next += (Math.min(need[d], v[d] + gain[i][d]) - v[d]) * mult[d];
                }
            }
            for (int k : capsOf[i]) {
                int d = mins + k;
                if (v[d] + gain[i][d] > capMax[k]) {
                    return -1;
                }
                next += gain[i][d] * mult[d];
            }
            return next;
        }

        /** True when the count of requirement credentials {@code d} is kept by a {@link Distinct} set. */
        private boolean counted(int d) {
            for (Distinct x : distinct) {
                if (x.minimum == d) {
                    return true;
                }
            }
            return false;
        }

        /** True when the positions from {@code i} on could still meet every minimum from a state's values. */
        boolean hopeful(long[] v, int i) {
            for (int d = 0; d < mins; d++) {
                if (v[d] + ahead[d][i] < need[d]) {
                    return false;
                }
            }
            return true;
        }

        /**
         * A lower bound on what the positions from {@code i} on must add to the objective to meet every minimum from
         * {@code state}: for each minimum, its shortfall at the least objective per step any offer ahead gives it.
         */
        double lowerBound(long state, int i) {
            long[] v = new long[dims];
            decode(state, v);
            return lowerBound(v, i);
        }

        /** The same with the state's values decoded. */
        double lowerBound(long[] v, int i) {
            return objectiveBound(v, i) * weight + countBound(v, i);
        }

        /**
         * A lower bound on how many more items the positions from {@code i} on must add: for each minimum, its
         * shortfall over the most one offer ahead gives it.
         */
        double countBound(long[] v, int i) {
            double bound = 0;
            for (int d = 0; d < mins; d++) {
                long shortfall = need[d] - v[d];
                if (shortfall > 0) {
                    bound = Math.max(bound, maxGainAhead[d][i] == 0 ? Double.POSITIVE_INFINITY
                            : Math.ceil((double) shortfall / maxGainAhead[d][i]));
                }
            }
            return bound;
        }

        double objectiveBound(long[] v, int i) {
            double bound = 0;
            for (int d = 0; d < mins; d++) {
                long shortfall = need[d] - v[d];
                if (shortfall > 0) {
                    bound = Math.max(bound, shortfall * ratioAhead[d][i]);
                }
            }
            // credit at a level also counts at every lower level and in the total: the shortfalls from the highest
            // level down, each part at the least objective per point of the credit that can fill it
            if (chain.length > 1) {
                double chained = 0;
                long covered = 0;
                for (int d : chain) {
                    long shortfall = (need[d] - v[d]) * step[d];
                    if (shortfall > covered) {
                        chained += (shortfall - covered) * ratioAhead[d][i] / step[d];
                        covered = shortfall;
                    }
                }
                bound = Math.max(bound, chained);
            }
            return bound;
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
                        p.totalNeed(), p.levelNeeds(), p.capMaxima(), kept, p.bodyNeeds());
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
            out.sort(Comparator.naturalOrder());
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

        /**
         * Two sets of the same size in the order of their ids listed in order. The search may take positions in any
         * order: for sets of equal size, which lists first depends only on the smallest id in one and not the other,
         * which no later item changes.
         */
        int compareItems(Node a, Node b, int count) {
            if (a == b) {
                return 0;
            }
            return Arrays.compare(a.sorted(rank), b.sorted(rank));
        }
    }

    /**
     * The set of what one distinct minimum has seen (modules held twice, or awarding bodies), as a dimension of the
     * state: each set of fewer tokens than the need is numbered as it is first reached. A set is packed in a long: a
     * bit per token when there are at most 63, else up to four tokens of 16 bits.
     */
    private static final class Distinct {
        final int minimum;      // the dimension it counts
        final int requirement;  // the named requirement it counts toward, or Allocator.GENERAL for the award
        final int[][] tokens;   // [position] its tokens
        final int tokenCount;
        final int untracked;    // credentials that count toward it as modules of their own
        final int need;
        final long states;      // how many sets of fewer than need tokens there are
        private final boolean bits;
        private final Map<Long, Integer> index = new HashMap<>();
        private final List<Long> sets = new ArrayList<>();

        Distinct(int minimum, int requirement, int[][] tokens, int tokenCount, int untracked, int need) {
            this.minimum = minimum;
            this.untracked = untracked;
            this.requirement = requirement;
            this.tokens = tokens;
            this.tokenCount = tokenCount;
            this.need = need;
            this.bits = tokenCount <= 63;
            if (!bits && (need - 1 > 4 || tokenCount >= 0xFFFF)) {
                throw new IllegalArgumentException("the award's minimums and caps have too many distinct states "
                        + "to plan exactly");
            }
            long count = 0;
            long choose = 1; // C(tokenCount, k)
            for (int k = 0; k < need && k <= tokenCount; k++) {
                count = count + choose < 0 ? Long.MAX_VALUE / 4 : count + choose;
                choose = choose > Long.MAX_VALUE / 4 / Math.max(1, tokenCount) ? Long.MAX_VALUE / 4
                        : choose * (tokenCount - k) / (k + 1);
            }
            this.states = Math.max(1, Math.min(count, Long.MAX_VALUE / 4));
            index.put(0L, 0);
            sets.add(0L);
        }

        long set(int i) {
            return sets.get(i);
        }

        int intern(long set) {
            Integer at = index.get(set);
            if (at == null) {
                at = sets.size();
                index.put(set, at);
                sets.add(set);
            }
            return at;
        }

        boolean contains(long set, int t) {
            if (bits) {
                return (set >>> t & 1L) != 0;
            }
            for (int k = 0; k < 4; k++) {
                if ((set >>> (16 * k) & 0xFFFF) == t + 1) {
                    return true;
                }
            }
            return false;
        }

        long add(long set, int t) {
            if (bits) {
                return set | 1L << t;
            }
            int[] held = new int[5];
            int size = 0;
            for (int k = 0; k < 4; k++) {
                long x = set >>> (16 * k) & 0xFFFF;
                if (x != 0) {
                    held[size++] = (int) x;
                }
            }
            held[size++] = t + 1;
            if (size > 4) {
                throw new IllegalStateException("a set of what a minimum has seen outgrew its need");
            }
            Arrays.sort(held, 0, size);
            long out = 0;
            for (int k = 0; k < size; k++) {
                out |= (long) held[k] << (16 * k);
            }
            return out;
        }

        /** The most this minimum can count: every token, and (for modules) each credential of no module held twice. */
        long mostDistinct() {
            return tokenCount + untracked;
        }
    }

    /**
     * The offers in the order the search takes them: the least objective per point first (so that the offers
     * ahead are the dearer ones and the bound is tighter), except that items linked by prerequisites are taken
     * together (each prerequisite just before what needs it), so that whether a prerequisite is taken is part of
     * the state for as few positions as possible.
     */
    static List<String> clustered(List<String> byId, Map<String, List<String>> prerequisites,
                                  Map<String, Double> perPoint) {
        Map<String, Set<String>> linked = new HashMap<>();
        for (var e : prerequisites.entrySet()) {
            for (String q : e.getValue()) {
                linked.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(q);
                linked.computeIfAbsent(q, k -> new HashSet<>()).add(e.getKey());
            }
        }
        List<String> out = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        // the least objective per point first: the offers left ahead are then the dearer ones, and the bound tighter
        List<String> order = new ArrayList<>(byId);
        order.sort(Comparator.comparing((String x) -> perPoint.getOrDefault(x, Double.POSITIVE_INFINITY)));
        for (String start : order) {
            if (placed.contains(start)) {
                continue;
            }
            // the start's cluster, in id order
            List<String> cluster = new ArrayList<>();
            List<String> todo = new ArrayList<>(List.of(start));
            Set<String> met = new HashSet<>(todo);
            while (!todo.isEmpty()) {
                String x = todo.remove(todo.size() - 1);
                cluster.add(x);
                for (String y : linked.getOrDefault(x, Set.of())) {
                    if (met.add(y)) {
                        todo.add(y);
                    }
                }
            }
            cluster.sort(Comparator.naturalOrder());
            // prerequisites first
            while (!cluster.isEmpty()) {
                int before = cluster.size();
                for (var it = cluster.iterator(); it.hasNext(); ) {
                    String x = it.next();
                    boolean ready = prerequisites.getOrDefault(x, List.of()).stream()
                            .allMatch(q -> placed.contains(q) || !cluster.contains(q));
                    if (ready) {
                        out.add(x);
                        placed.add(x);
                        it.remove();
                        break;
                    }
                }
                if (cluster.size() == before) {
                    throw new IllegalArgumentException("prerequisites in a cycle: " + cluster);
                }
            }
        }
        return out;
    }

    /** One pass of the dynamic programme, keeping up to {@code keep} partial plans per state. */
    private static final class Run {
        final Model m;
        final int keep;
        final boolean budgeted;
        final double factor;
        /**
         * The most a partial plan's objective and number of items (as {@code objective * weight + count}) plus its
         * lower bound may be; set once the held credentials are placed.
         */
        double upper = Double.POSITIVE_INFINITY;
        /** True when the bound cut some partial plan. */
        boolean bounded;
        /** True once the bound is set (when the first offer is reached). */
        boolean bounding;
        boolean truncated;
        private final int shift;
        private final long stateMask;
        private final long[] vals;
        private final long[] scratch;

        Run(Model m, int keep, double factor) {
            this.m = m;
            this.keep = keep;
            this.factor = factor;
            // with a budget on something other than the objective, a dearer partial plan may still be needed
            this.budgeted = m.input.budget() >= 0;
            this.shift = 63 - m.prereqBits;
            this.stateMask = (1L << shift) - 1;
            this.vals = new long[m.dims];
            this.scratch = new long[m.dims];
        }

        List<Label> go() {
            StateMap layer = new StateMap(16);
            Slot root = slot(layer, 0, 0, 0);
            if (root != null) {
                root.add(new Label(0, 0, 0, null), this);
            }
            for (int i = 0; i < m.n; i++) {
                Offer o = m.offer[i];
                if (o != null && !bounding && factor != Double.POSITIVE_INFINITY) {
                    double least = Double.POSITIVE_INFINITY;
                    for (int k = 0; k < layer.capacity(); k++) {
                        Slot from = layer.at(k);
                        if (from != null && from.size > 0) {
                            least = Math.min(least, m.lowerBound(from.key & stateMask, i));
                        }
                    }
                    if (least != Double.POSITIVE_INFINITY) {
                        upper = Math.max(least, m.cheapest * (double) m.weight) * factor;
                        bounding = true;
                    }
                }
                StateMap next = new StateMap(Math.max(16, layer.size() * 2));
                for (int k = 0; k < layer.capacity(); k++) {
                    Slot from = layer.at(k);
                    if (from == null || from.size == 0) {
                        continue;
                    }
                    long state = from.key & stateMask;
                    long bits = m.prereqBits == 0 ? 0 : from.key >>> shift;
                    m.decode(state, vals);
                    if (o == null) {
                        for (int option : m.options[i]) {
                            long s = m.apply(i, option, state, vals);
                            if (s >= 0) {
                                extend(next, i + 1, s, bits, from, null, i);
                            }
                        }
                        continue;
                    }
                    boolean committed = m.bit[i] >= 0 && (bits & (1L << m.bit[i])) != 0;
                    if (!committed) {
                        extend(next, i + 1, state, bits, from, null, i);
                    }
                    long after = bits;
                    boolean open = true;
                    for (int b : m.needsBits[i]) {
                        if (m.bitPosition[b] < i && (bits & (1L << b)) == 0) {
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
                        long s = m.apply(i, option, state, vals);
                        if (s >= 0) {
                            extend(next, i + 1, s, after, from, o, i);
                        }
                    }
                }
                if (m.clearAfter[i] != 0) {
                    next = cleared(next, m.clearAfter[i], i + 1);
                }
                if (next.size() > MAX_STATES) {
                    throw new IllegalArgumentException("the plan search went over its limit of " + MAX_STATES
                            + " states");
                }
                layer = next;
            }
            List<Label> finals = new ArrayList<>();
            for (int k = 0; k < layer.capacity(); k++) {
                Slot s = layer.at(k);
                if (s != null && (m.prereqBits == 0 || s.key >>> shift == 0) && m.complete(s.key & stateMask)) {
                    for (int j = 0; j < s.size; j++) {
                        finals.add(s.labels[j]);
                    }
                }
            }
            return finals;
        }

        /** The slot of a state before position {@code ahead}, made on first use; null when it cannot lead to a plan. */
        private Slot slot(StateMap map, int ahead, long state, long bits) {
            long key = m.prereqBits == 0 ? state : state | (bits << shift);
            Slot s = map.get(key);
            if (s == null) {
                m.decode(state, scratch);
                boolean hopeful = m.hopeful(scratch, ahead);
                s = new Slot(key, hopeful ? keep + 1 : 0, hopeful && bounding
                        ? m.lowerBound(scratch, ahead) : 0, !hopeful);
                map.put(key, s);
            }
            return s.dead ? null : s;
        }

        private StateMap cleared(StateMap layer, long clear, int ahead) {
            StateMap out = new StateMap(Math.max(16, layer.size() * 2));
            long mask = ~(clear << shift);
            for (int k = 0; k < layer.capacity(); k++) {
                Slot s = layer.at(k);
                if (s == null || s.size == 0) {
                    continue;
                }
                long key = s.key & mask;
                Slot into = out.get(key);
                if (into == null) {
                    out.put(key, new Slot(key, s));
                } else {
                    for (int j = 0; j < s.size; j++) {
                        into.add(s.labels[j], this);
                    }
                }
            }
            return out;
        }

        /** Every partial plan of {@code from} extended by position {@code i} (taken when {@code o} is given). */
        private void extend(StateMap next, int ahead, long state, long bits, Slot from, Offer o, int i) {
            Slot into = slot(next, ahead, state, bits);
            if (into == null) {
                return;
            }
            for (int j = 0; j < from.size; j++) {
                Label l = from.labels[j];
                long objective = o == null ? l.objective() : l.objective() + o.objective();
                long cost = o == null ? l.cost() : l.cost() + o.cost();
                if (budgeted && cost > m.input.budget()) {
                    continue;
                }
                int count = o == null ? l.count() : l.count() + 1;
                // the figures are whole numbers below 2^53 apart from the bound's fraction: a quarter absorbs rounding
                if (bounding && (double) objective * m.weight + count + into.bound > upper + 0.25) {
                    bounded = true;
                    continue;
                }
                into.add(o == null ? l : new Label(objective, l.count() + 1, cost, new Node(i, l.items())), this);
            }
        }
    }

    /** A state's partial plans, best first, and its lower bound. */
    private static final class Slot {
        final long key;
        final double bound;
        final boolean dead;
        Label[] labels;
        int size;

        Slot(long key, int capacity, double bound, boolean dead) {
            this.key = key;
            this.labels = new Label[Math.max(capacity, 1)];
            this.bound = bound;
            this.dead = dead;
        }

        /** A slot with the same partial plans as {@code s} under another key. */
        Slot(long key, Slot s) {
            this.key = key;
            this.labels = s.labels.clone();
            this.size = s.size;
            this.bound = s.bound;
            this.dead = s.dead;
        }

        /** Adds a partial plan unless {@code keep} others are at least as good (and, with a budget, no dearer). */
        void add(Label x, Run run) {
            Model m = run.m;
            int better = 0;
            int at = size;
            for (int j = 0; j < size; j++) {
                Label y = labels[j];
                int c = m.compare(y, x);
                if (c == 0) {
                    return; // the same items, reached by another allocation
                }
                if (c < 0) {
                    if (!run.budgeted || y.cost() <= x.cost()) {
                        better++;
                    }
                } else if (at == size) {
                    at = j;
                }
            }
            if (better >= run.keep) {
                run.truncated = true;
                return;
            }
            if (size == labels.length) {
                labels = Arrays.copyOf(labels, size * 2);
            }
            System.arraycopy(labels, at, labels, at + 1, size - at);
            labels[at] = x;
            size++;
            // drop partial plans that now have keep better ones (and no dearer)
            for (int j = size - 1; j > at; j--) {
                Label y = labels[j];
                int dominating = 0;
                for (int k = 0; k < j; k++) {
                    if (!run.budgeted || labels[k].cost() <= y.cost()) {
                        dominating++;
                    }
                }
                if (dominating >= run.keep) {
                    System.arraycopy(labels, j + 1, labels, j, size - j - 1);
                    labels[--size] = null;
                    run.truncated = true;
                }
            }
        }
    }

    /** Slots by their packed state: open addressing on primitive keys. */
    private static final class StateMap {
        private long[] keys;
        private Slot[] slots;
        private int size;

        StateMap(int expected) {
            int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
            keys = new long[cap];
            slots = new Slot[cap];
        }

        int size() {
            return size;
        }

        int capacity() {
            return slots.length;
        }

        Slot at(int k) {
            return slots[k];
        }

        Slot get(long key) {
            int mask = slots.length - 1;
            for (int k = hash(key) & mask; ; k = (k + 1) & mask) {
                Slot s = slots[k];
                if (s == null) {
                    return null;
                }
                if (keys[k] == key) {
                    return s;
                }
            }
        }

        void put(long key, Slot slot) {
            if ((size + 1) * 2 > slots.length) {
                grow();
            }
            int mask = slots.length - 1;
            for (int k = hash(key) & mask; ; k = (k + 1) & mask) {
                if (slots[k] == null) {
                    keys[k] = key;
                    slots[k] = slot;
                    size++;
                    return;
                }
                if (keys[k] == key) {
                    slots[k] = slot;
                    return;
                }
            }
        }

        private void grow() {
            long[] oldKeys = keys;
            Slot[] oldSlots = slots;
            keys = new long[oldKeys.length * 2];
            slots = new Slot[oldSlots.length * 2];
            size = 0;
            for (int k = 0; k < oldSlots.length; k++) {
                if (oldSlots[k] != null) {
                    put(oldKeys[k], oldSlots[k]);
                }
            }
        }

        private static int hash(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
    }

    private static long toUnits(BigDecimal v, int scale) {
        return v.movePointRight(scale).longValueExact();
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
