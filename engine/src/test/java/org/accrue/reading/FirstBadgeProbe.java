package org.accrue.reading;

import java.nio.file.Path;

/**
 * Run in a JVM of its own by {@link FormatInitialisationTest}: meets an Open Badge before anything else of the
 * reading package, as {@code accrue evaluate} does on a folder of badges, and prints the learner it reads.
 */
public final class FirstBadgeProbe {
    private FirstBadgeProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        if (!LearnerFiles.isBadgeFolder(folder)) {
            throw new IllegalStateException("not a badge folder: " + folder);
        }
        System.out.println(LearnerFiles.read(folder).learner().id());
    }
}
