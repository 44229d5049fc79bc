package org.accrue.service.log;

import org.accrue.io.Sha256;
import org.accrue.service.Databases;
import org.accrue.service.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decision log on SQLite and on a real PostgreSQL server: group commits keep one unbroken chain under
 * concurrent appends, and {@code audit verify} names the first record that was altered, inserted or removed
 * directly in the database, while an erasure leaves it verifying.
 */
class DecisionLogTest {
    static Entry entry(String learner, String verdict) {
        String id = java.util.UUID.randomUUID().toString();
        String result = "{\"learner\":{\"id\":\"" + learner + "\",\"name\":\"Someone\"},\"awards\":[]}";
        return new Entry(id, Instant.parse("2026-11-29T10:00:00Z"), "token-viewer", learner, LocalDate.of(2026, 11, 28),
                List.of(), "sha256:abc", Decision.Status.EVALUATED, null, Map.of("scqf-pgcert", verdict), List.of(),
                "application/yaml", ("learner: {id: " + learner + "}\n").getBytes(StandardCharsets.UTF_8), result);
    }

    /** A log of {@code n} records, appended by several threads at once. */
    static List<Decision> fill(DecisionLog log, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Decision>> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                all.add(CompletableFuture.supplyAsync(() -> log.appendAndWait(entry("L-" + (k % 7),
                        k % 2 == 0 ? "eligible" : "not-eligible")), pool));
            }
            List<Decision> out = new ArrayList<>();
            for (CompletableFuture<Decision> f : all) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    static void sql(Database db, String statement) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    @ParameterizedTest
    @MethodSource("org.accrue.service.Databases#kinds")
    void concurrentAppendsMakeOneUnbrokenChain(String kind) throws Exception {
        try (Database db = Database.open(Databases.fresh(kind)); DecisionLog log = new DecisionLog(db)) {
            List<Decision> stored = fill(log, 200);
            Set<Long> seqs = new HashSet<>();
            stored.forEach(d -> seqs.add(d.seq()));
            assertEquals(200, seqs.size());
            assertEquals(1L, seqs.stream().min(Long::compare).orElseThrow());
            assertEquals(200L, seqs.stream().max(Long::compare).orElseThrow());
            Audit a = log.verify();
            assertTrue(a.ok(), a.describe());
            assertEquals(200, a.checked());
            Decision some = stored.get(17);
            Decision read = log.find(some.id()).orElseThrow();
            assertEquals(some.hash(), read.hash());
            assertArrayEquals(some.input(), read.input());
            assertEquals(some.result(), read.result());
            assertEquals(Sha256.hex(some.input()), read.inputSha256());
        }
    }

    @ParameterizedTest
    @MethodSource("org.accrue.service.Databases#kinds")
    void aVerdictChangedInTheDatabaseIsNamed(String kind) throws Exception {
        try (Database db = Database.open(Databases.fresh(kind)); DecisionLog log = new DecisionLog(db)) {
            fill(log, 20);
            Decision d = log.find(DecisionLogTest.idAt(db, 12)).orElseThrow();
            String flipped = d.verdicts().get("scqf-pgcert").equals("eligible") ? "not-eligible" : "eligible";
            sql(db, "UPDATE decisions SET verdicts = '{\"scqf-pgcert\":\"" + flipped + "\"}' WHERE seq = 12");
            Audit a = log.verify();
            assertFalse(a.ok());
            assertEquals(12L, a.badSeq());
            assertEquals(d.id(), a.badId());
            assertEquals("record 12 (" + d.id() + ") was altered: its fields no longer give its hash", a.problem());
        }
    }

    @ParameterizedTest
    @MethodSource("org.accrue.service.Databases#kinds")
    void aStoredResultOrInputChangedIsNamed(String kind) throws Exception {
        try (Database db = Database.open(Databases.fresh(kind)); DecisionLog log = new DecisionLog(db)) {
            fill(log, 10);
            String altered = log.find(idAt(db, 4)).orElseThrow().result().replace("Someone", "Someone else");
            sql(db, "UPDATE decisions SET result = '" + Stored.encode(altered) + "' WHERE seq = 4");
            assertEquals(4L, log.verify().badSeq());
            assertTrue(log.verify().problem().endsWith("its stored result no longer has the SHA-256 the record gives"));
        }
        try (Database db = Database.open(Databases.fresh(kind)); DecisionLog log = new DecisionLog(db)) {
            fill(log, 10);
            sql(db, "UPDATE decisions SET input = '" + Stored.encode("learner: {id: forged}".getBytes(
                    StandardCharsets.UTF_8)) + "' WHERE seq = 9");
            assertEquals(9L, log.verify().badSeq());
        }
        try (Database db = Database.open(Databases.fresh(kind)); DecisionLog log = new DecisionLog(db)) {
            fill(log, 10);
            sql(db, "UPDATE decisions SET input = 'not what the log writes' WHERE seq = 2");
            assertEquals("record 2 (" + idAt(db, 2) + ") was altered: its stored input no longer has the SHA-256 the "
                    + "record gives", log.verify().problem());
        }
    }

    @Test
    void storedBytesComeBackAsTheyWere() {
        byte[] bytes = new byte[100_000];
        new java.util.Random(7).nextBytes(bytes);
        assertArrayEquals(bytes, Stored.decode(Stored.encode(bytes)));
        assertArrayEquals(new byte[0], Stored.decode(Stored.encode(new byte[0])));
        String json = "{\"learner\":\"é\"}".repeat(1000);
        assertEquals(json, Stored.decodeText(Stored.encode(json)));
        assertTrue(Stored.encode(json).length() < json.length() / 10, "JSON is stored deflated");
    }

    @ParameterizedTest
    @MethodSource("org.accrue.service.Databases#kinds")
    void aRemovedRecordIsNamed(String kind) throws Exception {
        try (Database db = Database.open(Databases.fresh(kind)); DecisionLog log = new DecisionLog(db)) {
            fill(log, 10);
            sql(db, "DELETE FROM decisions WHERE seq = 6");
            Audit a = log.verify();
            assertEquals("record 6 is missing: removed from the log", a.problem());
            assertEquals(6L, a.badSeq());
        }
        try (Database db = Database.open(Databases.fresh(kind)); DecisionLog log = new DecisionLog(db)) {
            fill(log, 10);
            sql(db, "DELETE FROM decisions WHERE seq >= 9");
            assertEquals("records 9 to 10 are missing: removed from the end of the log", log.verify().problem());
        }
    }

    @ParameterizedTest
    @MethodSource("org.accrue.service.Databases#kinds")
    void anInsertedRecordIsNamed(String kind) throws Exception {
        try (Database db = Database.open(Databases.fresh(kind)); DecisionLog log = new DecisionLog(db)) {
            fill(log, 10);
            // a forger renumbers records 5 to 10 as 6 to 11 and puts a record of their own at 5, chained to 4
            sql(db, "UPDATE decisions SET seq = seq + 100 WHERE seq >= 5");
            sql(db, "UPDATE decisions SET seq = seq - 99 WHERE seq >= 105");
            Decision four = log.find(idAt(db, 4)).orElseThrow();
            Decision forged = DecisionLog.chain(entry("L-forged", "eligible"), 5, four.hash());
            sql(db, "INSERT INTO decisions (seq, id, at, by_name, learner_id, as_of, awards, rule_set, status, verdicts, "
                    + "exceptions, media_type, input_sha256, result_sha256, prev_hash, hash) VALUES (5, '" + forged.id()
                    + "', '" + forged.at() + "', 'token-viewer', 'L-forged', '2026-11-28', '[]', 'sha256:abc', "
                    + "'evaluated', '{\"scqf-pgcert\":\"eligible\"}', '[]', 'application/yaml', '"
                    + forged.inputSha256() + "', '" + forged.resultSha256() + "', '" + forged.prevHash() + "', '"
                    + forged.hash() + "')");
            Audit a = log.verify();
            assertFalse(a.ok());
            assertEquals(6L, a.badSeq(), a.problem());
            assertTrue(a.problem().contains("does not follow record 5"), a.problem());
        }
    }

    @ParameterizedTest
    @MethodSource("org.accrue.service.Databases#kinds")
    void erasureKeepsVerdictsAndTheChain(String kind) throws Exception {
        try (Database db = Database.open(Databases.fresh(kind)); DecisionLog log = new DecisionLog(db)) {
            List<Decision> stored = fill(log, 30);
            int erased = log.erase("L-3", "admin", Instant.parse("2026-11-30T09:00:00Z"));
            long expected = stored.stream().filter(d -> d.learnerId().equals("L-3")).count();
            assertEquals(expected, erased);
            for (Decision d : stored) {
                Decision now = log.find(d.id()).orElseThrow();
                if (d.learnerId().equals("L-3")) {
                    assertNull(now.input());
                    assertNull(now.result());
                    assertTrue(now.erased());
                    assertEquals(d.verdicts(), now.verdicts());
                    assertEquals(d.inputSha256(), now.inputSha256());
                } else {
                    assertArrayEquals(d.input(), now.input());
                }
            }
            Audit a = log.verify();
            assertTrue(a.ok(), a.describe());
            assertEquals(31, a.checked(), "the erasure is itself a record");
            assertEquals(0, log.erase("L-3", "admin", Instant.parse("2026-11-30T09:01:00Z")));
        }
    }

    static String idAt(Database db, long seq) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement();
             var r = s.executeQuery("SELECT id FROM decisions WHERE seq = " + seq)) {
            r.next();
            return r.getString(1);
        }
    }
}
