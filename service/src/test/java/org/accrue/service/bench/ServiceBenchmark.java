package org.accrue.service.bench;

import org.accrue.Outcome;
import org.accrue.RuleSet;
import org.accrue.report.JsonReport;
import org.accrue.service.Databases;
import org.accrue.service.ServiceConfig;
import org.accrue.service.accounts.Role;
import org.accrue.service.http.Server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    public static void main(String[] args) throws Exception {
        List<String> learners = Files.readAllLines(Path.of(args[0]));
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        RuleSet rules = RuleSet.loadDefault();
        inProcess(rules, learners, Math.max(2, seconds / 3));
        double inProcess = inProcess(rules, learners, seconds);
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "| in-process evaluate and write JSON, %d threads, learners/s | %,.0f | 1.00 |%n",
                threads, inProcess);
        for (String kind : List.of("sqlite", "postgresql")) {
            double[] f = service(kind, learners, seconds);
            String name = kind.equals("sqlite") ? "SQLite" : "PostgreSQL";
            System.out.printf(Locale.ROOT, "| service over %s, %d clients on loopback, decisions/s (each committed "
                    + "before its 201) | %,.0f | %.2f of in-process |%n", name, CLIENTS, f[0], f[0] / inProcess);
            System.out.printf(Locale.ROOT, "| service over %s, latency p50 / p99 | %.1f ms / %.1f ms | p99 target "
                    + "50 ms |%n", name, f[1], f[2]);
            System.out.printf(Locale.ROOT, "| service over %s, decisions per commit (group commit), mean | %.1f | |%n",
                    name, f[3]);
        }
        System.out.flush();
        System.exit(0);
    }

    /** Learners per second through evaluateText and JsonReport.line on every core. */
    static double inProcess(RuleSet rules, List<String> learners, int seconds) throws Exception {
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
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    /** Decisions per second, p50 and p99 latency in ms, and decisions per commit. */
    static double[] service(String kind, List<String> learners, int seconds) throws Exception {
        ServiceConfig config = ServiceConfig.defaults().withPort(0).withDb(Databases.fresh(kind));
        try (Server server = Server.start(config, Clock.systemUTC())) {
            String token = server.registry().accounts().createToken("bench", Role.VIEWER);
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/v1/evaluations?asOf=" + AS_OF);
            run(uri, token, learners, Math.max(2, seconds / 3), null);
            long before = server.registry().log().size();
            long commitsBefore = server.registry().log().commits();
            List<Long> latencies = new ArrayList<>();
            double rate = run(uri, token, learners, seconds, latencies);
            long decisions = server.registry().log().size() - before;
            long commits = server.registry().log().commits() - commitsBefore;
            long[] l = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            return new double[]{rate, l[l.length / 2] / 1e6, l[(int) (l.length * 0.99)] / 1e6,
                    commits == 0 ? 0 : (double) decisions / commits};
        }
    }

    static double run(URI uri, String token, List<String> learners, int seconds, List<Long> latencies) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).build();
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
                while (System.nanoTime() < end) {
                    HttpRequest r = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(learners.get(i % learners.size()))).build();
                    i += CLIENTS;
                    long t0 = System.nanoTime();
                    HttpResponse<String> a = client.send(r, HttpResponse.BodyHandlers.ofString());
                    long t = System.nanoTime() - t0;
                    if (a.statusCode() == 201) {
                        answered.incrementAndGet();
                        if (n < mine.length) {
                            mine[n++] = t;
                        }
                    } else {
                        failed.incrementAndGet();
                    }
                }
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
