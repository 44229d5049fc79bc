package org.accrue.service.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The service's database: an embedded SQLite file by default, PostgreSQL in production. Opening one brings its
 * schema up to date with the same Flyway migrations on both ({@code db/migration}).
 */
public final class Database implements AutoCloseable {
    /** The database used when none is named: {@code accrue.db} in the working directory. */
    public static final String DEFAULT_URL = "jdbc:sqlite:accrue.db";

    private final String url;
    private final HikariDataSource pool;
    private final boolean sqlite;

    private Database(String url, HikariDataSource pool, boolean sqlite) {
        this.url = url;
        this.pool = pool;
        this.sqlite = sqlite;
    }

    /**
     * Opens the database at {@code url} ({@code jdbc:sqlite:FILE}, {@code jdbc:postgresql://...}, or a plain
     * file path, taken as SQLite) and migrates its schema.
     *
     * @throws StoreException naming the database when it cannot be opened or migrated
     */
    public static Database open(String url) {
        String jdbc = jdbcUrl(url);
        boolean sqlite = jdbc.startsWith("jdbc:sqlite:");
        if (!sqlite && !jdbc.startsWith("jdbc:postgresql:")) {
            throw new StoreException("--db " + url + ": not a database Accrue uses; give jdbc:sqlite:FILE, a "
                    + "file path, or jdbc:postgresql://HOST/DB?user=...");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbc);
        config.setPoolName("accrue");
        // a database that cannot be reached is reported at once, not after the pool's 30 s wait
        config.setInitializationFailTimeout(1);
        config.setConnectionTimeout(10_000);
        if (sqlite) {
            // one file, many readers and one writer: write-ahead logging; every commit reaches the disk (FULL), so a
            // decision answered 201 survives a crash of the process or the machine
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "FULL");
            config.addDataSourceProperty("busy_timeout", "10000");
            config.addDataSourceProperty("foreign_keys", "true");
            config.setMaximumPoolSize(8);
        } else {
            config.setMaximumPoolSize(16);
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("--db " + redact(url) + ": cannot connect: " + oneLine(e));
        }
        Database db = new Database(jdbc, pool, sqlite);
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (FlywayException e) {
            pool.close();
            throw new StoreException("--db " + redact(url) + ": cannot bring the schema up to date: " + oneLine(e));
        }
        return db;
    }

    /** A JDBC URL for what a user typed: a JDBC URL as it is, a file path as SQLite. */
    static String jdbcUrl(String url) {
        if (url.startsWith("jdbc:")) {
            return url;
        }
        return "jdbc:sqlite:" + Path.of(url).toAbsolutePath().normalize();
    }

    /** The URL without a password, for messages. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/:@]*):[^@/]*@", "//$1:***@");
    }

    private static String oneLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return redact(m.lines().findFirst().orElse(m).strip());
    }

    public DataSource dataSource() {
        return pool;
    }

    /** A connection from the pool. */
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** True for SQLite, false for PostgreSQL. */
    public boolean sqlite() {
        return sqlite;
    }

    /** The JDBC URL, without a password. */
    public String describe() {
        return redact(url);
    }

    @Override
    public void close() {
        pool.close();
    }
}
