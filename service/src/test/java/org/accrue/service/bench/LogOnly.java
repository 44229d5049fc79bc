package org.accrue.service.bench;

import org.accrue.service.Databases;
import org.accrue.service.log.Decision;
import org.accrue.service.log.DecisionLog;
import org.accrue.service.log.Entry;
import org.accrue.service.store.Database;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;

/** Scratch: the decision log alone, CPU per append. */
public final class LogOnly {
    public static void main(String[] args) throws Exception {
        String result = "{\"x\":\"" + "abcdefghij, klmnop \\\"q\\\" 123 ".repeat(400) + "\"}";
        byte[] input = "{\"learner\":1}".repeat(140).getBytes(StandardCharsets.UTF_8);
        for (String kind : List.of("sqlite", "postgresql", "sqlite", "postgresql")) {
            try (Database db = Database.open(Databases.fresh(kind)); DecisionLog log = new DecisionLog(db)) {
                int n = 6000;
                ServiceBenchmark.Cpu c0 = ServiceBenchmark.Cpu.now();
                long t0 = System.nanoTime();
                ExecutorService pool = Executors.newFixedThreadPool(16);
                List<Future<?>> fs = new ArrayList<>();
                for (int t = 0; t < 16; t++) {
                    fs.add(pool.submit(() -> {
                        for (int i = 0; i < n / 16; i++) {
                            log.appendAndWait(new Entry(java.util.UUID.randomUUID().toString(), Instant.now(), "b", "L-" + i,
                                    LocalDate.of(2026, 11, 28), List.of(), "sha256:x", Decision.Status.EVALUATED, null,
                                    Map.of("a", "eligible", "b", "not-eligible"), List.of(), "application/json", input, result));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : fs) f.get();
                pool.shutdown();
                ServiceBenchmark.Cpu used = ServiceBenchmark.Cpu.now().minus(c0);
                double secs = (System.nanoTime() - t0) / 1e9;
                System.out.printf("%s: %.0f appends/s, JVM %.0f us, machine %.0f us per append, %.1f per commit%n", kind, n / secs,
                        used.process() / 1e3 / n, used.machine() / 1e3 / n, (double) n / log.commits());
            }
        }
        System.exit(0);
    }
}
