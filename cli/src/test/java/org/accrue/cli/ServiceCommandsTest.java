package org.accrue.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code accrue users}, {@code tokens} and {@code audit}, in-process, on an SQLite database of their own. */
class ServiceCommandsTest {
    @TempDir
    Path dir;

    private String db() {
        return "jdbc:sqlite:" + dir.resolve("accrue.db");
    }

    private Cli withStdin(String input, String... args) {
        InputStream was = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return Cli.run(args);
        } finally {
            System.setIn(was);
        }
    }

    @Test
    void tokensAreShownOnceAndUsersTakeTheirPasswordFromStandardInput() {
        Cli token = Cli.run("tokens", "create", "admissions", "--role", "viewer", "--db", db());
        assertEquals(0, token.status(), token.err());
        assertTrue(token.out().strip().matches("accrue_[0-9a-f]{12}_[A-Za-z0-9_-]{43}"), token.out());

        Cli user = withStdin("a-long-password\n", "users", "add", "alice", "--role", "officer", "--db", db());
        assertEquals(0, user.status(), user.err());
        assertEquals("added user alice (officer)\n", user.out());

        Cli list = Cli.run("users", "list", "--db", db());
        assertEquals(0, list.status(), list.err());
        assertTrue(list.out().startsWith("admissions\tviewer\ttoken\t"), list.out());
        assertTrue(list.out().contains("\nalice\tofficer\tuser\t"), list.out());
        assertTrue(!list.out().contains("a-long-password") && !list.out().contains(token.out().strip()));

        Cli again = Cli.run("tokens", "create", "alice", "--role", "viewer", "--db", db());
        assertEquals(ExitStatus.USAGE, again.status());
        assertEquals("accrue tokens create: name 'alice' is already a user or a token\n", again.err());

        assertEquals(0, Cli.run("users", "remove", "admissions", "--db", db()).status());
        Cli gone = Cli.run("users", "remove", "admissions", "--db", db());
        assertEquals(ExitStatus.USAGE, gone.status());
        assertEquals("accrue users remove: no user or token 'admissions'\n", gone.err());
    }

    @Test
    void badRolesNamesAndPasswordsAreUsageErrors() {
        Cli role = Cli.run("tokens", "create", "x", "--role", "boss", "--db", db());
        assertEquals(ExitStatus.USAGE, role.status());
        assertEquals("accrue tokens create: --role: unknown role 'boss'; expected one of viewer | officer | approver "
                + "| admin\n", role.err());
        Cli name = Cli.run("tokens", "create", "has space", "--role", "viewer", "--db", db());
        assertEquals(ExitStatus.USAGE, name.status());
        assertTrue(name.err().startsWith("accrue tokens create: name 'has space': use letters"), name.err());
        Cli shortPassword = withStdin("short\n", "users", "add", "bob", "--role", "viewer", "--db", db());
        assertEquals(ExitStatus.USAGE, shortPassword.status());
        assertEquals("accrue users add: password: at least 10 characters\n", shortPassword.err());
        Cli noPassword = withStdin("", "users", "add", "bob", "--role", "viewer", "--db", db());
        assertEquals(ExitStatus.USAGE, noPassword.status());
        assertEquals("accrue users add: no password on standard input\n", noPassword.err());
    }

    @Test
    void auditVerifyChecksTheStaffExceptionsAgainstTheLog() throws Exception {
        try (var db = org.accrue.service.store.Database.open(db());
             var log = new org.accrue.service.log.DecisionLog(db)) {
            var exceptions = new org.accrue.service.StaffExceptions(db, log);
            var p = new org.accrue.service.StaffExceptions.Proposal("x1", "L-7",
                    org.accrue.learner.StaffException.Type.WAIVE, "scqf-pgcert", "total", null, "panel", "olive",
                    java.time.Instant.parse("2026-11-29T10:00:00Z"), org.accrue.service.StaffExceptions.Status.PENDING,
                    null, null, null);
            exceptions.propose(p, "sha256:x");
        }
        assertEquals(0, Cli.run("audit", "verify", "--db", db()).status());
        try (Connection c = DriverManager.getConnection(db()); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE staff_exceptions SET status = 'approved', decided_by = 'olive' WHERE id = 'x1'");
        }
        Cli bad = Cli.run("audit", "verify", "--db", db());
        assertEquals(ExitStatus.LOG_TAMPERED, bad.status());
        assertEquals("accrue audit verify: decision log NOT verified: staff exception x1 is approved by olive in the "
                + "table, but the log has it pending: changed outside the service\n", bad.err());
    }

    @Test
    void serveRefusesAWrongStartWithItsExitStatus() throws Exception {
        Cli port = Cli.run("serve", "--port", "70000", "--db", db());
        assertEquals(ExitStatus.USAGE, port.status());
        assertEquals("accrue serve: --port 70000: expected 0 to 65535\n", port.err());
        Cli config = Cli.run("serve", "--config", dir.resolve("none.yaml").toString());
        assertEquals(ExitStatus.USAGE, config.status());
        assertEquals("accrue serve: " + dir.resolve("none.yaml") + ": no such file\n", config.err());
        Cli database = Cli.run("serve", "--port", "0", "--db", "jdbc:mysql://x/y");
        assertEquals(ExitStatus.DATABASE, database.status());
        assertTrue(database.err().startsWith("accrue serve: --db jdbc:mysql://x/y: not a database Accrue uses"),
                database.err());
        java.nio.file.Files.writeString(dir.resolve("bad.yaml"), "listen: 0.0.0.0\n");
        Cli setting = Cli.run("serve", "--config", dir.resolve("bad.yaml").toString());
        assertEquals(ExitStatus.USAGE, setting.status());
        assertTrue(setting.err().contains("listen: unknown setting"), setting.err());
        java.nio.file.Files.writeString(dir.resolve("catalogue.yaml"), "items:\n  - {id: a, title: T}\n");
        Cli catalogue = Cli.run("serve", "--port", "0", "--db", db(), "--catalogue",
                dir.resolve("catalogue.yaml").toString());
        assertEquals(ExitStatus.USAGE, catalogue.status());
        assertEquals("accrue serve: catalogue: " + dir.resolve("catalogue.yaml") + ": items[0].cost: is missing; "
                + "expected {amount: ..., currency: ...}\n", catalogue.err());
    }

    @Test
    void aDatabaseThatCannotBeOpenedIsExitStatus6() {
        Cli r = Cli.run("audit", "verify", "--db", "jdbc:sqlite:" + dir.resolve("no/such/folder/x.db"));
        assertEquals(ExitStatus.DATABASE, r.status());
        assertTrue(r.err().startsWith("accrue audit verify: --db jdbc:sqlite:"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        Cli other = Cli.run("audit", "verify", "--db", "jdbc:mysql://x/y");
        assertEquals(ExitStatus.DATABASE, other.status());
        assertTrue(other.err().contains("not a database Accrue uses"), other.err());
    }

    @Test
    void auditVerifiesErasesAndNamesATamperedRecord() throws Exception {
        try (var db = org.accrue.service.store.Database.open(db());
             var log = new org.accrue.service.log.DecisionLog(db)) {
            for (int i = 0; i < 5; i++) {
                log.appendAndWait(new org.accrue.service.log.Entry("d-" + i, java.time.Instant.parse(
                        "2026-11-29T10:00:00Z"), "t", "L-" + (i % 2), java.time.LocalDate.of(2026, 11, 28),
                        java.util.List.of(), "sha256:x", org.accrue.service.log.Decision.Status.EVALUATED, null,
                        java.util.Map.of("a", "eligible"), java.util.List.of(), "text/plain",
                        ("input " + i).getBytes(StandardCharsets.UTF_8), "{}"));
            }
        }
        Cli ok = Cli.run("audit", "verify", "--db", db());
        assertEquals(0, ok.status(), ok.err());
        assertTrue(ok.out().startsWith("decision log verified: 5 records, head 5:"), ok.out());
        String head = ok.out().strip().substring(ok.out().indexOf("head ") + 5);
        Cli expected = Cli.run("audit", "verify", "--expect-head", head, "--db", db());
        assertEquals(0, expected.status(), expected.err());

        Cli erase = Cli.run("audit", "erase", "L-1", "--by", "dpo", "--db", db());
        assertEquals(0, erase.status(), erase.err());
        assertEquals("erased the inputs and results of 2 decisions for learner L-1; verdicts and hashes kept\n",
                erase.out());
        assertEquals(0, Cli.run("audit", "verify", "--expect-head", head, "--db", db()).status());

        try (Connection c = DriverManager.getConnection(db()); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE decisions SET verdicts = '{\"a\":\"not-eligible\"}' WHERE id = 'd-2'");
        }
        Cli bad = Cli.run("audit", "verify", "--db", db());
        assertEquals(ExitStatus.LOG_TAMPERED, bad.status());
        assertEquals("accrue audit verify: decision log NOT verified: record 3 (d-2) was altered: its fields no "
                + "longer give its hash\n", bad.err());
    }
}
