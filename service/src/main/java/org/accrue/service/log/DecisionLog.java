package org.accrue.service.log;

import org.accrue.io.Sha256;
import org.accrue.service.store.Database;
import org.accrue.service.store.StoreException;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The decision log: append-only, hash-chained, in the service's database.
 *
 * <p>Appends go through one writer thread, which takes whatever is waiting, and whatever arrives within 2 ms of the
 * first (up to {@value #MAX_GROUP} records),
 * chains and inserts them and moves the head in a single transaction, and only then completes their futures: a
 * caller answers its client after the commit, never before, and many callers share one commit (group commit). A
 * crash before the commit leaves none of the group; after it, all of it. Two service processes on one database
 * cannot both extend the same record: the head moves only from the number it was read at, or the group is
 * chained again.
 */
public final class DecisionLog implements AutoCloseable {
    /** The most records one commit holds. */
    public static final int MAX_GROUP = 256;
    /** How long the writer waits for more decisions to join a commit: a small part of a decision's latency. */
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private static final String COLUMNS = "seq, id, at, by_name, learner_id, as_of, awards, rule_set, status, "
            + "reason, verdicts, exceptions, media_type, input_sha256, input, result_sha256, result, erased_at, "
            + "prev_hash, hash";

    private final Database db;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(4096);
    private final Thread writer;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicLong commits = new java.util.concurrent.atomic.AtomicLong();

    /** An entry to append; or, when {@code change} is given, a change made and logged in one transaction. */
    private record Pending(Prepared entry, Change change, CompletableFuture<Decision> done) {
    }

    /**
     * A change to the database that must be on the record: made on the writer's connection, inside the
     * transaction that appends the record it returns, so that both commit or neither does.
     */
    @FunctionalInterface
    public interface Change {
        /** Makes the change and returns the record of it; null when there is nothing to do or record. */
        Entry apply(Connection c) throws SQLException;
    }

    /**
     * An entry with everything that does not depend on its place worked out on the caller's thread (hashes,
     * stored forms, canonical JSON), so that the one writer thread only chains and inserts.
     */
    record Prepared(Entry e, String inputSha, String resultSha, String storedInput, String storedResult,
                    String awards, String verdicts, String exceptions) {
        static Prepared of(Entry e) {
            byte[] input = e.input() == null ? new byte[0] : e.input();
            byte[] result = e.result() == null ? null : e.result().getBytes(StandardCharsets.UTF_8);
            return new Prepared(e, Sha256.hex(input), result == null ? null : Sha256.hex(result),
                    e.input() == null ? null : Stored.encode(input), result == null ? null : Stored.encode(result),
                    Json.write(e.awards()), Json.write(e.verdicts()), Json.write(e.exceptions()));
        }
    }

    public DecisionLog(Database db) {
        this.db = db;
        this.writer = new Thread(this::write, "accrue-decision-log");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Appends a decision. The future completes with the record as stored once it is committed, or exceptionally
     * with a {@link StoreException} when it could not be.
     */
    public CompletableFuture<Decision> append(Entry entry) {
        return enqueue(Prepared.of(entry), null);
    }

    /**
     * Makes a change and appends its record in one transaction; waits for the commit. Returns the record, or
     * null when the change found nothing to do.
     */
    public Decision record(Change change) {
        return await(enqueue(null, change));
    }

    private CompletableFuture<Decision> enqueue(Prepared entry, Change change) {
        CompletableFuture<Decision> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new StoreException("the decision log is closed"));
            return done;
        }
        try {
            if (!queue.offer(new Pending(entry, change, done), 30, TimeUnit.SECONDS)) {
                done.completeExceptionally(new StoreException("the decision log is too busy to take the decision"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(new StoreException("interrupted before the decision was logged"));
        }
        return done;
    }

    /** Appends a decision and waits for its commit. */
    public Decision appendAndWait(Entry entry) {
        return await(append(entry));
    }

    private static Decision await(CompletableFuture<Decision> pending) {
        try {
            return pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while the decision was being logged");
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof StoreException s ? s
                    : new StoreException("the decision could not be logged: " + e.getCause(), e.getCause());
        }
    }

    private void write() {
        List<Pending> group = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                // wait a moment for more: a commit costs a disk flush, and many decisions can share one
                long until = System.nanoTime() + LINGER_NANOS;
                while (group.size() < MAX_GROUP) {
                    long left = until - System.nanoTime();
                    Pending next = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    group.add(next);
                    queue.drainTo(group, MAX_GROUP - group.size());
                }
                List<Decision> stored = commit(group);
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).done().complete(stored.get(i));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(group, new StoreException("the decision log was stopped before the decision was committed"));
                return;
            } catch (StoreException e) {
                fail(group, e);
            } catch (RuntimeException e) {
                fail(group, new StoreException("the decision could not be logged: " + e, e));
            }
            group.clear();
        }
    }

    private static void fail(List<Pending> group, StoreException e) {
        group.forEach(p -> p.done().completeExceptionally(e));
    }

    /** Chains and inserts a group in one transaction, trying again when another process moved the head. */
    private List<Decision> commit(List<Pending> group) {
        SQLException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try (Connection c = db.connection()) {
                c.setAutoCommit(false);
                try {
                    List<Decision> stored = insert(c, group);
                    if (stored != null) {
                        c.commit();
                        commits.incrementAndGet();
                        return stored;
                    }
                    c.rollback();
                } catch (SQLException e) {
                    c.rollback();
                    last = e;
                }
            } catch (SQLException e) {
                last = e;
            }
        }
        throw new StoreException("the decision log could not be written: "
                + (last == null ? "another writer kept moving the head" : last.getMessage()), last);
    }

    /** The group inserted after the head; null when the head moved meanwhile (another process). */
    private static List<Decision> insert(Connection c, List<Pending> group) throws SQLException {
        long seq;
        String prev;
        try (PreparedStatement s = c.prepareStatement("SELECT seq, hash FROM chain_head WHERE one = 1");
             ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                throw new SQLException("the chain head is missing: the log has been tampered with");
            }
            seq = r.getLong(1);
            prev = r.getString(2);
        }
        long from = seq;
        List<Decision> stored = new ArrayList<>(group.size());
        try (PreparedStatement s = c.prepareStatement("INSERT INTO decisions (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Pending p : group) {
                Prepared entry = p.entry();
                if (p.change() != null) {
                    Entry made = p.change().apply(c);
                    if (made == null) {
                        stored.add(null);
                        continue;
                    }
                    entry = Prepared.of(made);
                }
                Decision d = chain(entry, ++seq, prev);
                prev = d.hash();
                bind(s, d, entry);
                s.addBatch();
                stored.add(d);
            }
            s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE chain_head SET seq = ?, hash = ? WHERE one = 1 AND seq = ?")) {
            s.setLong(1, seq);
            s.setString(2, prev);
            s.setLong(3, from);
            return s.executeUpdate() == 1 ? stored : null;
        }
    }

    /** The record an entry becomes at {@code seq} after {@code prev}. */
    static Decision chain(Entry e, long seq, String prev) {
        return chain(Prepared.of(e), seq, prev);
    }

    private static Decision chain(Prepared p, long seq, String prev) {
        Entry e = p.e();
        String hash = Chain.hash(prev, seq, e.id(), e.at().toString(), e.by(), e.learnerId(), e.asOf().toString(),
                p.awards(), e.ruleSet(), e.status().code(), e.reason(), p.verdicts(), p.exceptions(), e.mediaType(),
                p.inputSha(), p.resultSha());
        return new Decision(seq, e.id(), e.at(), e.by(), e.learnerId(), e.asOf(), e.awards(), e.ruleSet(),
                e.status(), e.reason(), e.verdicts(), e.exceptions(), e.mediaType(), p.inputSha(), e.input(),
                p.resultSha(), e.result(), null, prev, hash);
    }

    private static void bind(PreparedStatement s, Decision d, Prepared p) throws SQLException {
        s.setLong(1, d.seq());
        s.setString(2, d.id());
        s.setString(3, d.at().toString());
        s.setString(4, d.by());
        s.setString(5, d.learnerId());
        s.setString(6, d.asOf().toString());
        s.setString(7, p.awards());
        s.setString(8, d.ruleSet());
        s.setString(9, d.status().code());
        s.setString(10, d.reason());
        s.setString(11, p.verdicts());
        s.setString(12, p.exceptions());
        s.setString(13, d.mediaType());
        s.setString(14, d.inputSha256());
        s.setString(15, p.storedInput());
        s.setString(16, d.resultSha256());
        s.setString(17, p.storedResult());
        s.setString(18, null);
        s.setString(19, d.prevHash());
        s.setString(20, d.hash());
    }

    /** The decision with this id. */
    public Optional<Decision> find(String id) {
        List<Decision> found = query("SELECT " + COLUMNS + " FROM decisions WHERE id = ?", id);
        return found.stream().findFirst();
    }

    /**
     * A learner's decisions, newest first: at most {@code limit}, older than the decision {@code after} when it
     * is given (the previous page's last id).
     */
    public List<Decision> forLearner(String learnerId, int limit, String after) {
        if (after == null) {
            return query("SELECT " + COLUMNS + " FROM decisions WHERE learner_id = ? AND status IN ('evaluated', "
                    + "'rejected') ORDER BY seq DESC LIMIT " + limit, learnerId);
        }
        return query("SELECT " + COLUMNS + " FROM decisions WHERE learner_id = ? AND status IN ('evaluated', "
                + "'rejected') AND seq < (SELECT seq FROM decisions WHERE id = ?) ORDER BY seq DESC LIMIT " + limit,
                learnerId, after);
    }

    /** How many group commits this log has made since it was opened. */
    public long commits() {
        return commits.get();
    }

    /** One evaluation's month ({@code YYYY-MM}, UTC) and verdicts: what the registry overview counts. */
    public record Verdicts(String month, Map<String, String> verdicts) {
    }

    /** The month and verdicts of every evaluation on the log, in its order; nothing personal is read. */
    public List<Verdicts> verdicts() {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT at, verdicts FROM decisions WHERE status = 'evaluated' "
                     + "ORDER BY seq");
             ResultSet r = s.executeQuery()) {
            List<Verdicts> out = new ArrayList<>();
            while (r.next()) {
                out.add(new Verdicts(r.getString(1).substring(0, 7), Json.map(r.getString(2))));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("the decision log cannot be read: " + e.getMessage(), e);
        }
    }

    /** Every record of a staff exception (proposed, approved, rejected), in the order of the log. */
    public List<Decision> exceptionRecords() {
        return query("SELECT " + COLUMNS + " FROM decisions WHERE status IN ('exception-proposed', "
                + "'exception-approved', 'exception-rejected') ORDER BY seq");
    }

    /** The hash of the record at {@code seq}, or empty when there is none. */
    public Optional<String> hashAt(long seq) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT hash FROM decisions WHERE seq = ?")) {
            s.setLong(1, seq);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("the decision log cannot be read: " + e.getMessage(), e);
        }
    }

    /** The number of records in the log. */
    public long size() {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM decisions");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("the decision log cannot be read: " + e.getMessage(), e);
        }
    }

    private List<Decision> query(String sql, String... args) {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            List<Decision> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(read(r));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("the decision log cannot be read: " + e.getMessage(), e);
        }
    }

    static Decision read(ResultSet r) throws SQLException {
        String input = r.getString("input");
        String result = r.getString("result");
        String erased = r.getString("erased_at");
        return new Decision(r.getLong("seq"), r.getString("id"), Instant.parse(r.getString("at")),
                r.getString("by_name"), r.getString("learner_id"), LocalDate.parse(r.getString("as_of")),
                Json.list(r.getString("awards")), r.getString("rule_set"), Decision.Status.of(r.getString("status")),
                r.getString("reason"), Json.map(r.getString("verdicts")), Json.list(r.getString("exceptions")),
                r.getString("media_type"), r.getString("input_sha256"),
                input == null ? null : Stored.decode(input), r.getString("result_sha256"),
                result == null ? null : Stored.decodeText(result), erased == null ? null : Instant.parse(erased), r.getString("prev_hash"),
                r.getString("hash"));
    }

    /**
     * Walks the whole log from the first record: each record's hash must be made from its fields, each must name
     * the hash before it, the numbers must run without a gap to the head, and each input or result still held
     * must have the SHA-256 its record gives.
     */
    public Audit verify() {
        return Audit.of(db);
    }

    /**
     * Erases a learner's personal data: the inputs and results of their decisions are replaced by the SHA-256
     * the records already hold; the verdicts stay, and so does every hash. The erasure is itself logged, in the
     * same transaction.
     *
     * @return how many decisions were erased (0 when none held data)
     */
    public int erase(String learnerId, String by, Instant at) {
        int[] erased = new int[1];
        record(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE decisions SET input = NULL, result = NULL, "
                    + "erased_at = ? WHERE learner_id = ? AND erased_at IS NULL AND status IN ('evaluated', "
                    + "'rejected')")) {
                s.setString(1, at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
                s.setString(2, learnerId);
                erased[0] = s.executeUpdate();
            }
            return new Entry(java.util.UUID.randomUUID().toString(), at, by, learnerId, LocalDate.ofInstant(at,
                    java.time.ZoneOffset.UTC), List.of(), "-", Decision.Status.ERASURE, "inputs and results of "
                    + erased[0] + " decision" + (erased[0] == 1 ? "" : "s") + " erased", java.util.Map.of(),
                    List.of(), null, null, null);
        });
        return erased[0];
    }

    /** Stops taking decisions; those already taken are committed first. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
