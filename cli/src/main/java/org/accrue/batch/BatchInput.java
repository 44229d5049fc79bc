package org.accrue.batch;

import org.accrue.reading.InvalidInputException;
import org.accrue.reading.LearnerFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

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
     * @param error      why the record cannot be read at all (a JSON Lines line that is not UTF-8, or too long;
     *                   a JSON Lines input that is no regular file), or null
     */
    record Item(long sequence, String source, Path file, String text, InvalidInputException error) {
        Item(long sequence, String source, Path file, String text) {
            this(sequence, source, file, text, null);
        }
    }

    /** The longest JSON Lines record read; a longer one is rejected, and the next line read as usual. */
    static final int MAX_LINE_BYTES = 16 << 20;

    private final Iterator<Path> paths;
    private java.io.InputStream lines;
    private Path linesFile;
    private long lineNumber;
    private long sequence;
    private Item next;

    BatchInput(List<Path> inputs) {
        this.paths = LearnerFiles.walk(inputs, true);
    }

    /**
     * Every file the batch reads, in the order it reads them (the files of a badge folder, a JSON Lines file
     * once): what a run's identity hashes, so that {@code --resume} notices an input whose content changed.
     */
    static List<Path> files(List<Path> inputs) throws IOException {
        List<Path> files = new java.util.ArrayList<>();
        try {
            for (Iterator<Path> it = LearnerFiles.walk(inputs, true); it.hasNext(); ) {
                Path p = it.next();
                if (Files.isDirectory(p)) { // a badge folder: each badge
                    files.addAll(LearnerFiles.badgeFiles(p));
                } else {
                    files.add(p);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return files;
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
                    byte[] line = readLine();
                    lineNumber++;
                    if (line == null) {
                        lines.close();
                        lines = null;
                        continue;
                    }
                    String source = linesFile + ":" + lineNumber;
                    if (line.length > MAX_LINE_BYTES) {
                        next = new Item(sequence++, source, linesFile, null, new InvalidInputException(source, "line",
                                "is longer than the " + (MAX_LINE_BYTES >> 20) + " MB a record may have"));
                        return true;
                    }
                    String text;
                    try {
                        text = LearnerFiles.utf8(line, source, "line");
                    } catch (InvalidInputException e) {
                        next = new Item(sequence++, source, linesFile, null, e);
                        return true;
                    }
                    if (!text.isBlank()) {
                        next = new Item(sequence++, source, linesFile, text);
                        return true;
                    }
                    continue;
                }
                if (!paths.hasNext()) {
                    return false;
                }
                Path p = paths.next();
                if (Files.isDirectory(p)) {
                    next = new Item(sequence++, p.toString(), p, null); // one learner's badges
                    return true;
                } else if (LearnerFiles.isJsonLines(p)) {
                    if (!Files.isRegularFile(p)) {
                        next = new Item(sequence++, p.toString(), p, null, new InvalidInputException(p.toString(),
                                "file", Files.exists(p) ? "is not a regular file (a FIFO, device or socket): only "
                                + "regular files are read" : "no such file"));
                        return true;
                    }
                    lines = Files.newInputStream(p);
                    position = 0;
                    limit = 0;
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

    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;

    /**
     * The next line's bytes without its end ({@code \n}, or {@code \r\n}), null at the end of the file. Past
     * {@link #MAX_LINE_BYTES} the rest of the line is skipped and a longer array stands for it.
     */
    private byte[] readLine() throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream(512);
        boolean any = false;
        boolean tooLong = false;
        while (true) {
            if (position == limit) {
                limit = Math.max(0, lines.read(buffer));
                position = 0;
                if (limit == 0) {
                    break;
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int length = position - start;
            if (!tooLong && b.size() + length <= MAX_LINE_BYTES) {
                b.write(buffer, start, length);
            } else {
                tooLong = true;
            }
            if (position < limit) {
                position++; // the line's end
                break;
            }
        }
        if (!any) {
            return null;
        }
        if (tooLong) {
            return new byte[MAX_LINE_BYTES + 1];
        }
        byte[] line = b.toByteArray();
        if (line.length > 0 && line[line.length - 1] == '\r') {
            return java.util.Arrays.copyOf(line, line.length - 1);
        }
        return line;
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
