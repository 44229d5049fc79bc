package org.accrue.service.log;

import org.accrue.service.Databases;
import org.accrue.service.ServeMain;
import org.accrue.service.accounts.Accounts;
import org.accrue.service.accounts.Role;
import org.accrue.service.store.Database;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing acknowledged is lost: the service runs in a JVM of its own while eight clients post learners, and is
 * killed with SIGKILL (no shutdown hook, no flush). Every decision answered 201 before the kill is in the log,
 * nothing is half written (the chain verifies and the head is the last record), and the service starts again
 * on the same database and goes on.
 */
class CrashTest {
    static final Path SAMPLE = Path.of(System.getProperty("accrue.repo", "..")).resolve("samples/ben-pgcert-nearly.yaml");

    @ParameterizedTest
    @MethodSource("org.accrue.service.Databases#kinds")
    void everyAnsweredDecisionSurvivesAKill(String kind) throws Exception {
        String url = Databases.fresh(kind);
        String token;
        try (Database db = Database.open(url)) {
            token = new Accounts(db, Clock.systemUTC()).createToken("crash-client", Role.VIEWER);
        }
        String file = Files.readString(SAMPLE);
        ServeMain.Started first = ServeMain.start(url);
        Set<String> answered = ConcurrentHashMap.newKeySet();
        AtomicInteger failed = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        for (int c = 0; c < 8; c++) {
            int n = c;
            clients.submit(() -> {
                int i = 0;
                while (!stop.get()) {
                    String body = file.replaceFirst("id: L-\\d+", "id: L-CRASH-" + n + "-" + i++);
                    HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + first.port()
                                    + "/v1/evaluations?asOf=2026-11-28")).header("Authorization", "Bearer " + token)
                            .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    try {
                        HttpResponse<String> a = client.send(r, HttpResponse.BodyHandlers.ofString());
                        if (a.statusCode() == 201) {
                            answered.add(a.body().substring(13, 49));
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (answered.size() < 150 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        first.process().destroyForcibly();
        assertTrue(first.process().waitFor(30, TimeUnit.SECONDS));
        Set<String> before = Set.copyOf(answered);
        stop.set(true);
        clients.shutdown();
        assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));
        assertTrue(before.size() >= 50, "clients were answered before the kill: " + before.size());

        try (Database db = Database.open(url); DecisionLog log = new DecisionLog(db)) {
            for (String id : answered) {
                assertTrue(log.find(id).isPresent(), "decision " + id + " was answered 201 but is not in the log");
            }
            Audit a = log.verify();
            assertTrue(a.ok(), a.describe());
            assertEquals(log.size(), a.checked());
            assertEquals(a.checked(), a.headSeq(), "the head is the last whole record");
        }

        ServeMain.Started again = ServeMain.start(url);
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + again.port()
                            + "/v1/evaluations?asOf=2026-11-28")).header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(file)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, r.statusCode(), r.body());
        } finally {
            again.process().destroyForcibly();
            again.process().waitFor(30, TimeUnit.SECONDS);
        }
        try (Database db = Database.open(url); DecisionLog log = new DecisionLog(db)) {
            assertTrue(log.verify().ok());
        }
    }
}
