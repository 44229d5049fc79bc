package org.accrue.batch;

import org.accrue.reading.LearnerFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * The records of a batch, in a fixed order: the inputs in the order given; a folder's learner files in name
 * order, depth first; a JSON Lines file ({@code .jsonl}) line by line. Streams: nothing is held but the
 * current line and the folders being walked.
 */
final class BatchInput implements Iterator<BatchInput.Item>, AutoCloseable {

    /**
     * One record to evaluate.
     *
     * @param sequence its position in the batch, from 0: the same on every run over the same inputs
     * @param source   the file, or {@code file:line} for a JSON Lines record
     * @param text     the record's text for a JSON Lines record; null for a learner file, read by the worker
     */
    record Item(long sequence, String source, Path file, String text) {
    }

    private final Deque<Path> pending = new ArrayDeque<>();
    private BufferedReader lines;
    private Path linesFile;
    private long lineNumber;
    private long sequence;
    private Item next;

    BatchInput(List<Path> inputs) {
        for (int i = inputs.size() - 1; i >= 0; i--) {
            pending.push(inputs.get(i));
        }
    }

    /** How many records the inputs hold, counted by a quick pass (for a progress bar's total). */
    static long count(List<Path> inputs) {
        long n = 0;
        try (BatchInput in = new BatchInput(inputs)) {
            while (in.hasNext()) {
                in.next = null;
                n++;
            }
        }
        return n;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        try {
            while (true) {
                if (lines != null) {
                    String line = lines.readLine();
                    lineNumber++;
                    if (line == null) {
                        lines.close();
                        lines = null;
                        continue;
                    }
                    if (!line.isBlank()) {
                        next = new Item(sequence++, linesFile + ":" + lineNumber, linesFile, line);
                        return true;
                    }
                    continue;
                }
                if (pending.isEmpty()) {
                    return false;
                }
                Path p = pending.pop();
                if (Files.isDirectory(p) && LearnerFiles.isBadgeFolder(p)) {
                    next = new Item(sequence++, p.toString(), p, null); // one learner's badges
                    return true;
                }
                if (Files.isDirectory(p)) {
                    List<Path> children;
                    try (Stream<Path> list = Files.list(p)) {
                        children = list.sorted().toList();
                    }
                    for (int i = children.size() - 1; i >= 0; i--) {
                        Path c = children.get(i);
                        if (Files.isDirectory(c) || LearnerFiles.isLearnerFileName(c) || isJsonLines(c)) {
                            pending.push(c);
                        }
                    }
                } else if (isJsonLines(p)) {
                    lines = Files.newBufferedReader(p);
                    linesFile = p;
                    lineNumber = 0;
                } else {
                    next = new Item(sequence++, p.toString(), p, null);
                    return true;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Item next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Item item = next;
        next = null;
        return item;
    }

    private static boolean isJsonLines(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl");
    }

    @Override
    public void close() {
        try {
            if (lines != null) {
                lines.close();
            }
        } catch (IOException e) {
            // closing a reader we only read from
        }
    }
}
