package org.accrue.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.accrue.RuleSet;
import org.accrue.report.JsonReport;
import org.accrue.result.AwardResult;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One batch run. A reader (the calling thread) streams records in input order; a pool of workers reads,
 * checks and evaluates them; a writer takes the results back in input order and appends them to the output
 * (one JSON line per learner, as {@code evaluate --format json}) or the rejects file (one JSON line per bad
 * record, with its source and reason). The queue between them is bounded, so memory stays flat however many
 * records there are. The output is the same bytes whatever the number of threads.
 */
public final class BatchJob {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Records between checkpoints; a crash loses at most this much work, never a record. */
    private static final int CHECKPOINT_EVERY = 2_000;
    private static final long CHECKPOINT_MILLIS = 2_000;

    /**
     * @param rejects where bad records go; null for {@code <out>.rejects.jsonl}
     * @param asOf    the evaluation date; null for today (or, on resume, the date the run started with)
     */
    public record Options(List<Path> inputs, Path out, Path rejects, int threads, LocalDate asOf,
                          List<String> awards, boolean resume, boolean force) {
        public Path rejectsFile() {
            return rejects != null ? rejects : out.resolveSibling(out.getFileName() + ".rejects.jsonl");
        }
    }

    /** Told how far the batch has got. */
    public interface Progress {
        void start(long done);

        void step(long done);

        void stop();

        Progress NONE = new Progress() {
            public void start(long done) {
            }

            public void step(long done) {
            }

            public void stop() {
            }
        };
    }

    private record Outcome(byte[] result, String reject, String reason, List<AwardResult> awards) {
    }

    private final RuleSet rules;
    private final Options options;
    private final Progress progress;

    public BatchJob(RuleSet rules, Options options, Progress progress) {
        this.rules = rules;
        this.options = options;
        this.progress = progress;
    }

    /** Runs the batch to the end and returns the tally of the whole run (resumed parts included). */
    public Tally run() throws BatchException, IOException {
        Path out = options.out();
        Path rejects = options.rejectsFile();
        Path checkpointFile = Checkpoint.of(out);
        Outputs.check(options.inputs(), out, rejects, checkpointFile);
        try (Outputs.Lock lock = Outputs.Lock.take(out)) {
            return run(out, rejects, checkpointFile);
        }
    }

    private Tally run(Path out, Path rejects, Path checkpointFile) throws BatchException, IOException {
        Checkpoint start = null;
        if (options.resume()) {
            if (!Files.exists(checkpointFile)) {
                throw new BatchException(checkpointFile + ": no checkpoint to resume from; run without --resume");
            }
            start = Checkpoint.read(checkpointFile);
        } else if (!options.force() && (Files.exists(out) || Files.exists(checkpointFile))) {
            throw new BatchException(out + ": exists; --resume continues the run that wrote it, --force starts again");
        }
        LocalDate asOf = options.asOf() != null ? options.asOf() : start != null ? start.asOf() : LocalDate.now();
        String job = jobKey(asOf);
        if (start != null && !start.job().equals(job)) {
            throw new BatchException(checkpointFile + ": the checkpoint is for another batch (other inputs, "
                    + "awards, rule set, --detail or --as-of " + start.asOf() + ", or an input's content has changed since); "
                    + "resume with the same ones, or --force");
        }
        if (start != null) {
            shortOf(out, start.outBytes(), checkpointFile);
            shortOf(rejects, start.rejectsBytes(), checkpointFile);
        }
        Tally tally = start == null ? new Tally() : start.tally();
        if (start != null && start.complete()) {
            return tally;
        }
        long skip = start == null ? 0 : start.done();

        try (FileChannel outChannel = open(out, start == null ? 0 : start.outBytes());
             FileChannel rejectsChannel = open(rejects, start == null ? 0 : start.rejectsBytes());
             OutputStream outStream = new BufferedOutputStream(Channels.newOutputStream(outChannel), 1 << 16);
             OutputStream rejectsStream = new BufferedOutputStream(Channels.newOutputStream(rejectsChannel), 1 << 14);
             BatchInput input = new BatchInput(options.inputs())) {

            int threads = Math.max(1, options.threads());
            ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "accrue-batch-worker");
                t.setDaemon(true);
                return t;
            });
            BlockingQueue<Future<Outcome>> queue = new ArrayBlockingQueue<>(threads * 256);
            Future<Outcome> end = CompletableFuture.completedFuture(null);
            Writer writer = new Writer(queue, end, tally, skip, job, asOf, outStream, outChannel, rejectsStream,
                    rejectsChannel, checkpointFile);
            Thread writerThread = new Thread(writer, "accrue-batch-writer");
            progress.start(skip);
            writerThread.start();
            try {
                while (input.hasNext() && writer.failure == null) {
                    BatchInput.Item item = input.next();
                    if (item.sequence() < skip) {
                        continue; // done before the crash
                    }
                    queue.put(workers.submit(() -> process(item, asOf)));
                }
                queue.put(end);
                writerThread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } finally {
                workers.shutdownNow();
                progress.stop();
            }
            if (writer.failure != null) {
                throw writer.failure;
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return tally;
    }

    /**
     * Reads, checks and evaluates one record; whatever goes wrong with it is its own reject. A failure no input
     * should cause (a fault in Accrue) is rejected as {@code internal error} with its class, never a stack
     * trace, and the run goes on.
     */
    private Outcome process(BatchInput.Item item, LocalDate asOf) {
        try {
            return processOne(item, asOf);
        } catch (RuntimeException | StackOverflowError e) {
            return reject(item, item.source() + ": internal error in Accrue (" + e.getClass().getName() + "); "
                    + "please report it with this record", "internal error");
        }
    }

    private Outcome processOne(BatchInput.Item item, LocalDate asOf) {
        if (item.error() != null) {
            return reject(item, item.error().getMessage(), reasonKey(item.error().where(), item.error().problem()));
        }
        org.accrue.Outcome outcome = item.text() != null
                ? rules.evaluateText(item.text(), item.source(), true, asOf, options.awards())
                : rules.evaluateFile(item.file(), asOf, options.awards());
        if (outcome instanceof org.accrue.Outcome.Evaluated e) {
            return new Outcome(JsonReport.utf8(e.result(), rules.detail()), null, null, e.result().awards());
        }
        org.accrue.Outcome.Rejected r = (org.accrue.Outcome.Rejected) outcome;
        String key = switch (r.reason()) {
            case UNREADABLE, DOES_NOT_FIT, TOO_LARGE -> reasonKey(r.where(), r.problem());
            case RULE_FAILED -> "rule set error";
            case INTERNAL -> "internal error";
            default -> "not evaluated: " + r.reason().code();
        };
        return reject(item, r.message(), key);
    }

    private static Outcome reject(BatchInput.Item item, String message, String reason) {
        ObjectNode n = JSON.createObjectNode();
        n.put("source", item.source()).put("sequence", item.sequence()).put("reason", message);
        return new Outcome(null, n.toString(), reason, List.of());
    }

    /** A rejection reason without the particulars, so that like reasons are counted together. */
    static String reasonKey(String where, String problem) {
        String w = where.replaceAll("\\[\\d+]", "[]").replaceAll("^line \\d+, column \\d+$", "line");
        String p = problem.replaceAll("'[^']*'", "'…'").replaceAll("\\d+(\\.\\d+)?", "N");
        return w + ": " + p;
    }

    /**
     * What identifies a run, for {@code --resume}: the inputs by path and by content (every file the batch
     * reads, hashed), the date, the awards, the rule set and the level of detail.
     */
    private String jobKey(LocalDate asOf) throws IOException {
        MessageDigest sha = org.accrue.io.Sha256.digest();
        StringBuilder b = new StringBuilder();
        options.inputs().forEach(p -> b.append(p.toAbsolutePath().normalize()).append('\n'));
        b.append(asOf).append('\n').append(options.awards().stream().sorted().toList()).append('\n').append(rules.id());
        if (rules.detail() != org.accrue.result.Detail.FULL) {
            b.append("\ndetail ").append(rules.detail().code()); // a full run's key is as it always was
        }
        sha.update(b.toString().getBytes(StandardCharsets.UTF_8));
        byte[] buffer = new byte[1 << 16];
        for (Path f : BatchInput.files(options.inputs())) {
            sha.update(("\n" + f + "\n").getBytes(StandardCharsets.UTF_8));
            if (!Files.isRegularFile(f)) {
                continue; // refused as a record when read
            }
            try (java.io.InputStream in = Files.newInputStream(f)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha.update(buffer, 0, n);
                }
            }
        }
        return org.accrue.io.Sha256.hex(sha);
    }

    /** A file the checkpoint vouches for that is shorter than it says was changed after the run: refused. */
    private static void shortOf(Path file, long length, Path checkpointFile) throws BatchException, IOException {
        long size = Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? Files.size(file) : 0;
        if (size < length) {
            throw new BatchException(file + ": is " + size + " bytes, shorter than the " + length + " that "
                    + checkpointFile + " vouches for: it was changed after the run stopped; start again with --force");
        }
    }

    /**
     * Opens a file to append to, cut back to {@code length} (what the checkpoint vouches for). A symbolic link
     * in its place is not followed.
     */
    private static FileChannel open(Path file, long length) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        FileChannel c = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                java.nio.file.LinkOption.NOFOLLOW_LINKS);
        c.truncate(length);
        c.position(length);
        return c;
    }

    /** Takes outcomes back in input order and writes them, with a checkpoint now and then. */
    private final class Writer implements Runnable {
        private final BlockingQueue<Future<Outcome>> queue;
        private final Future<Outcome> end;
        private final Tally tally;
        private final String job;
        private final LocalDate asOf;
        private final OutputStream out;
        private final FileChannel outChannel;
        private final OutputStream rejects;
        private final FileChannel rejectsChannel;
        private final Path checkpointFile;
        private long done;
        volatile IOException failure;

        Writer(BlockingQueue<Future<Outcome>> queue, Future<Outcome> end, Tally tally, long done, String job,
               LocalDate asOf, OutputStream out, FileChannel outChannel, OutputStream rejects,
               FileChannel rejectsChannel, Path checkpointFile) {
            this.queue = queue;
            this.end = end;
            this.tally = tally;
            this.done = done;
            this.job = job;
            this.asOf = asOf;
            this.out = out;
            this.outChannel = outChannel;
            this.rejects = rejects;
            this.rejectsChannel = rejectsChannel;
            this.checkpointFile = checkpointFile;
        }

        @Override
        public void run() {
            long lastCheckpoint = System.currentTimeMillis();
            try {
                while (true) {
                    Future<Outcome> f = queue.take();
                    if (f == end) {
                        break;
                    }
                    Outcome o = f.get();
                    tally.read++;
                    if (o.result() != null) {
                        out.write(o.result());
                        out.write('\n');
                        tally.evaluated++;
                        for (AwardResult a : o.awards()) {
                            tally.eligible(a.award(), a.eligible());
                        }
                    } else {
                        rejects.write(o.reject().getBytes(StandardCharsets.UTF_8));
                        rejects.write('\n');
                        tally.reject(o.reason());
                    }
                    done++;
                    progress.step(done);
                    long now = System.currentTimeMillis();
                    if (done % CHECKPOINT_EVERY == 0 || now - lastCheckpoint > CHECKPOINT_MILLIS) {
                        checkpoint(false);
                        lastCheckpoint = now;
                    }
                }
                checkpoint(true);
            } catch (IOException e) {
                failure = e;
                drain();
            } catch (ExecutionException e) {
                failure = new IOException("a worker failed: " + e.getCause(), e.getCause());
                drain();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IOException("interrupted", e);
            }
        }

        /** After a failure, keeps the reader from blocking on a full queue. */
        private void drain() {
            try {
                while (queue.take() != end) {
                    // discard
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void checkpoint(boolean complete) throws IOException {
            out.flush();
            rejects.flush();
            outChannel.force(false);
            rejectsChannel.force(false);
            new Checkpoint(job, asOf, done, outChannel.size(), rejectsChannel.size(), complete, tally)
                    .write(checkpointFile);
        }
    }

}
