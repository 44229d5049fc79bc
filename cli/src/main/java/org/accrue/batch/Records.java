package org.accrue.batch;

import java.nio.file.Path;
import java.util.List;

/** Facts about a batch's inputs that a caller needs before running it. */
public final class Records {
    private Records() {
    }

    /** How many records the inputs hold (a quick pass that reads no record), for a progress bar's total. */
    public static long count(List<Path> inputs) {
        return BatchInput.count(inputs);
    }
}
