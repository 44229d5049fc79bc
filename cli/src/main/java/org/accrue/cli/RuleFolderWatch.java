package org.accrue.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The designer's loop, {@code --watch}: one JVM, the rule folders watched (every folder below them, new ones too),
 * and after each save (once the folders have been quiet for a moment, so that an editor's several writes are one
 * change) the rule set loaded again and the scenarios re-run. Only what changed is printed: a scenario whose result
 * is new or different, one that is gone, the problems when they change; then the summary and the time the run took.
 * The rule set is compiled again only when its files changed (the compiled-rule cache, by hash), in a JVM that is
 * already warm.
 */
final class RuleFolderWatch {
    /** How long the folders must be quiet after a change before the run starts. */
    private static final long QUIET_MS = 150;

    private RuleFolderWatch() {
    }

    /**
     * One run of a watched command: each scenario's lines by where it is (none for a check), the problems that
     * stopped it, the summary (null when the rule set could not be loaded), the exit status.
     */
    record Run(Map<String, String> scenarios, List<String> problems, String summary, int status) {
    }

    /**
     * Runs {@code command} ({@code "rules test"}, {@code "rules check"}) until stopped, on the folders named (rules
     * and frameworks), else the working tree's; a usage error when there are none to watch.
     */
    static int watch(String command, List<Path> folders, List<Path> frameworks, Supplier<Run> run, PrintWriter out,
                     PrintWriter err) throws IOException {
        List<Path> roots = new java.util.ArrayList<>(folders);
        roots.addAll(frameworks);
        if (roots.isEmpty() && WorkingTree.home().isPresent()) {
            roots.add(WorkingTree.home().get().resolve("frameworks"));
            roots.add(WorkingTree.home().get().resolve("rules"));
        }
        if (roots.isEmpty()) {
            err.println("accrue " + command + ": --watch needs rule folders to watch: name them, or run ./accrue from "
                    + "the repository (the packaged rule set never changes)");
            err.flush();
            return ExitStatus.USAGE;
        }
        return loop(roots, run, out, err);
    }

    private static int loop(List<Path> roots, Supplier<Run> run, PrintWriter out, PrintWriter err)
            throws IOException {
        Run last = run.get();
        last.problems().forEach(err::println);
        last.scenarios().values().forEach(out::println);
        if (last.summary() != null) {
            out.println(last.summary());
        }
        out.println("watching " + String.join(", ", roots.stream().map(WorkingTree::display).toList())
                + " (Ctrl-C to stop)");
        out.flush();
        err.flush();
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            for (Path root : roots) {
                register(watch, root);
            }
            while (true) {
                WatchKey key = watch.take();
                boolean newFolder = drain(watch, key);
                // an editor writes a file in several steps: wait until the folders are quiet
                WatchKey more;
                while ((more = watch.poll(QUIET_MS, TimeUnit.MILLISECONDS)) != null) {
                    newFolder |= drain(watch, more);
                }
                if (newFolder) {
                    for (Path root : roots) {
                        register(watch, root);
                    }
                }
                long started = System.nanoTime();
                Run now = run.get();
                printChanges(last, now, out, err);
                out.println((now.summary() == null ? "the rule set could not be loaded" : now.summary())
                        + String.format(" (%.1f s)", (System.nanoTime() - started) / 1e9));
                out.flush();
                err.flush();
                last = now;
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
            return last.status();
        }
    }

    /** What changed between two runs, in the order of the new run. */
    static void printChanges(Run last, Run now, PrintWriter out, PrintWriter err) {
        if (!now.problems().equals(last.problems())) {
            if (now.problems().isEmpty()) {
                err.println("(the problems above are gone)");
            }
            now.problems().forEach(err::println);
        }
        for (Map.Entry<String, String> e : now.scenarios().entrySet()) {
            if (!e.getValue().equals(last.scenarios().get(e.getKey()))) {
                out.println(e.getValue());
            }
        }
        for (String gone : last.scenarios().keySet()) {
            if (!now.scenarios().containsKey(gone)) {
                out.println("GONE " + gone);
            }
        }
    }

    /** Every event of a key, and whether a folder was made (to be watched too). */
    private static boolean drain(WatchService watch, WatchKey key) {
        boolean folder = false;
        for (var event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && key.watchable() instanceof Path dir
                    && event.context() instanceof Path name && Files.isDirectory(dir.resolve(name))) {
                folder = true;
            }
        }
        key.reset();
        return folder;
    }

    private static void register(WatchService watch, Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                d.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }
}
