package org.accrue.batch;

import org.accrue.reading.LearnerFiles;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * What a batch may write, checked before anything is opened: the output, the rejects and the checkpoint are
 * three different files, none of them an input or a file an input folder would read, none a symbolic link;
 * and one run at a time writes them, by an exclusive lock on {@code <out>.lock}.
 */
final class Outputs {
    private Outputs() {
    }

    /** Refuses outputs that would destroy or mix with the inputs or each other. */
    static void check(List<Path> inputs, Path out, Path rejects, Path checkpoint) throws BatchException {
        if (canonical(out).equals(canonical(rejects))) {
            throw new BatchException("--out and --rejects are the same file, " + out + "; give each its own");
        }
        for (Path o : List.of(out, rejects, checkpoint)) {
            if (Files.isSymbolicLink(o)) {
                throw new BatchException(o + ": is a symbolic link; Accrue writes only files it creates or owns, "
                        + "never through a link");
            }
            Path c = canonical(o);
            for (Path in : inputs) {
                Path i = canonical(in);
                if (c.equals(i)) {
                    throw new BatchException(o + ": is also an input; the batch would overwrite what it reads");
                }
                if (Files.isDirectory(in) && c.startsWith(i) && readAsInput(o)) {
                    throw new BatchException(o + ": lies in the input folder " + in + ", which would read it as "
                            + "a learner file; write it elsewhere");
                }
            }
        }
    }

    private static boolean readAsInput(Path p) {
        return LearnerFiles.isLearnerFileName(p) || p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl");
    }

    /** A path as the file system will resolve it: through its real parent, when the file does not exist yet. */
    static Path canonical(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException e) {
            Path parent = abs.getParent();
            if (parent == null) {
                return abs;
            }
            return canonical(parent).resolve(abs.getFileName());
        }
    }

    /** The exclusive lock of a run on {@code out}; held until closed. */
    static final class Lock implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        private Lock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        static Lock take(Path out) throws BatchException, IOException {
            Path file = out.resolveSibling(out.getFileName() + ".lock");
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            FileChannel c = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            FileLock l;
            try {
                l = c.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                c.close();
                throw new BatchException(out + ": another accrue batch is writing it (it holds " + file
                        + "); wait for that run to end, or choose another --out");
            }
            return new Lock(c, l);
        }

        @Override
        public void close() throws IOException {
            lock.release();
            channel.close();
        }
    }
}
