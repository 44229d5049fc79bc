package org.accrue.service.bench;

import org.accrue.Outcome;
import org.accrue.RuleSet;
import org.accrue.report.JsonReport;
import org.accrue.service.Databases;
import org.accrue.service.ServiceConfig;
import org.accrue.service.accounts.Role;
import org.accrue.service.http.Server;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's throughput, for {@code bench/run}: 16 clients on loopback each post generated learners for a
 * fixed time against the server over SQLite and over PostgreSQL; decisions per second, p50 and p99 latency, and
 * the ratio to the in-process rate of evaluate-and-write-JSON on the same learners in the same run. Prints rows
 * of the table {@code bench/run} prints. Not a test.
 *
 * <p>{@code ServiceBenchmark LEARNERS.jsonl [SECONDS]}
 */
public final class ServiceBenchmark {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);
    static final int CLIENTS = 16;
    static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** CPU time of the server's request threads, its evaluation threads and the log's writer, nanoseconds. */
    static long serverThreadsCpu() {
        long total = 0;
        for (java.lang.management.ThreadInfo t : THREADS.dumpAllThreads(false, false)) {
            if (t.getThreadName().startsWith("JettyServerThreadPool") || t.getThreadName().equals("accrue-decision-log")
                    || t.getThreadName().equals("accrue-evaluate")) {
                long c = THREADS.getThreadCpuTime(t.getThreadId());
                total += Math.max(0, c);
            }
        }
        return total;
    }

    /** CPU time used so far by this JVM and by the whole machine (all processes, from /proc/stat), nanoseconds. */
    record Cpu(long process, long machine, long kernel) {
        static Cpu now() {
            long kernel = 0;
            try {
                String stat = Files.readString(Path.of("/proc/self/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                kernel = Long.parseLong(f[12]) * 10_000_000L;
            } catch (Exception e) {
                kernel = -1;
            }
            long process = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
            long machine = 0;
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long jiffies = 0;
                // user nice system idle iowait irq softirq steal: all but idle and iowait
                for (int i : new int[]{1, 2, 3, 6, 7, 8}) {
                    jiffies += Long.parseLong(f[i]);
                }
                machine = jiffies * 10_000_000L;
            } catch (Exception e) {
                machine = -1;
            }
            return new Cpu(process, machine, kernel);
        }

        Cpu minus(Cpu o) {
            return new Cpu(process - o.process, machine - o.machine, kernel - o.kernel);
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> learners = Files.readAllLines(Path.of(args[0]));
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        RuleSet rules = RuleSet.loadDefault();
        inProcess(rules, learners, Math.max(2, seconds / 3));
        Cpu before = Cpu.now();
        long[] count = new long[1];
        double inProcess = inProcess(rules, learners, seconds, count);
        Cpu used = Cpu.now().minus(before);
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "| in-process evaluate and write JSON, %d threads, learners/s | %,.0f | 1.00 |%n",
                threads, inProcess);
        System.out.printf(Locale.ROOT, "| in-process, CPU per learner: JVM / whole machine (JVM in the kernel) | %.0f us "
                + "/ %.0f us (%.0f us) | |%n", used.process() / 1e3 / count[0], used.machine() / 1e3 / count[0],
                used.kernel() / 1e3 / count[0]);
        for (String kind : List.of("sqlite", "postgresql")) {
            double[] f = service(kind, learners, seconds);
            String name = kind.equals("sqlite") ? "SQLite" : "PostgreSQL";
            System.out.printf(Locale.ROOT, "| service over %s, %d clients on loopback, decisions/s (each committed "
                    + "before its 201) | %,.0f | %.2f of in-process |%n", name, CLIENTS, f[0], f[0] / inProcess);
            System.out.printf(Locale.ROOT, "| service over %s, latency p50 / p99 | %.1f ms / %.1f ms | p99 target "
                    + "50 ms |%n", name, f[1], f[2]);
            System.out.printf(Locale.ROOT, "| service over %s, decisions per commit (group commit), mean | %.1f | |%n",
                    name, f[3]);
            System.out.printf(Locale.ROOT, "| service over %s, CPU per decision: server threads / JVM without the "
                    + "clients / whole machine (JVM in the kernel) | %.0f us / %.0f us / %.0f us (%.0f us) | |%n", name, f[4],
                    f[5], f[6], f[7]);
            // the clients share the cores here; on their own machines they would not: the rate the server's own
            // CPU per decision allows on every core, against the in-process rate
            double serverOnly = f[6] - f[8];
            double alone = threads * 1e6 / serverOnly;
            System.out.printf(Locale.ROOT, "| service over %s, CPU per decision of the load clients (same machine) | "
                    + "%.0f us | |%n", name, f[8]);
            System.out.printf(Locale.ROOT, "| service over %s, decisions/s its CPU per decision allows on %d cores "
                    + "without the clients (derived) | %,.0f | %.2f of in-process |%n", name, threads, alone,
                    alone / inProcess);
        }
        System.out.flush();
        System.exit(0);
    }

    /** Learners per second through evaluateText and JsonReport.line on every core. */
    static double inProcess(RuleSet rules, List<String> learners, int seconds) throws Exception {
        return inProcess(rules, learners, seconds, new long[1]);
    }

    static double inProcess(RuleSet rules, List<String> learners, int seconds, long[] count) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        List<Future<?>> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            all.add(pool.submit(() -> {
                int i = first;
                while (System.nanoTime() < end) {
                    Outcome o = rules.evaluateText(learners.get(i % learners.size()), "bench", true, AS_OF, List.of());
                    if (!(o instanceof Outcome.Evaluated e) || JsonReport.line(e.result()).isEmpty()) {
                        throw new IllegalStateException("not evaluated: " + o);
                    }
                    i += threads;
                    done.incrementAndGet();
                }
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        pool.shutdown();
        count[0] = done.get();
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    /** Decisions per second, p50 and p99 latency in ms, and decisions per commit. */
    static double[] service(String kind, List<String> learners, int seconds) throws Exception {
        ServiceConfig config = ServiceConfig.defaults().withPort(0).withDb(Databases.fresh(kind));
        try (Server server = Server.start(config, Clock.systemUTC())) {
            String token = server.registry().accounts().createToken("bench", Role.VIEWER);
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/v1/evaluations?asOf=" + AS_OF);
            // warm up until the JIT has compiled the server's paths too (the first seconds are mostly compiling)
            run(uri, token, learners, Math.max(5, seconds), null, new AtomicLong());
            long before = server.registry().log().size();
            long commitsBefore = server.registry().log().commits();
            List<Long> latencies = new ArrayList<>();
            Cpu cpu = Cpu.now();
            long serverThreads = serverThreadsCpu();
            AtomicLong clientCpu = new AtomicLong();
            double rate = run(uri, token, learners, seconds, latencies, clientCpu);
            Cpu used = Cpu.now().minus(cpu);
            long serverCpu = serverThreadsCpu() - serverThreads;
            long decisions = server.registry().log().size() - before;
            long commits = server.registry().log().commits() - commitsBefore;
            long[] l = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            return new double[]{rate, l[l.length / 2] / 1e6, l[(int) (l.length * 0.99)] / 1e6,
                    commits == 0 ? 0 : (double) decisions / commits, serverCpu / 1e3 / decisions,
                    (used.process() - clientCpu.get()) / 1e3 / decisions, used.machine() / 1e3 / decisions,
                    used.kernel() / 1e3 / decisions, clientCpu.get() / 1e3 / decisions};
        }
    }

    static double run(URI uri, String token, List<String> learners, int seconds, List<Long> latencies,
                      AtomicLong clientCpu) throws Exception {
        List<byte[]> bodies = learners.stream().map(l -> l.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toList();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        List<Future<long[]>> all = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int first = c;
            all.add(clients.submit(() -> {
                long[] mine = new long[1 << 20];
                int n = 0;
                int i = first;
                long cpu0 = THREADS.getCurrentThreadCpuTime();
                try (LoopbackClient client = new LoopbackClient(uri.getHost(), uri.getPort(),
                        uri.getRawPath() + "?" + uri.getRawQuery(), token)) {
                    while (System.nanoTime() < end) {
                        byte[] body = bodies.get(i % bodies.size());
                        i += CLIENTS;
                        long t0 = System.nanoTime();
                        int status = client.post(body);
                        long t = System.nanoTime() - t0;
                        if (status == 201) {
                            answered.incrementAndGet();
                            if (n < mine.length) {
                                mine[n++] = t;
                            }
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                }
                clientCpu.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu0);
                return Arrays.copyOf(mine, n);
            }));
        }
        for (Future<long[]> f : all) {
            long[] mine = f.get();
            if (latencies != null) {
                for (long t : mine) {
                    latencies.add(t);
                }
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        clients.shutdown();
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " requests were not answered 201");
        }
        return answered.get() / elapsed;
    }
}
