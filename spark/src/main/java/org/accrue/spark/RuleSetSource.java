package org.accrue.spark;

import org.accrue.RuleSet;
import org.accrue.RuleSetException;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/**
 * A rule set as it travels to executors: its id (the hash of its rule files) and its compiled form with its files
 * ({@link RuleSet#export()}), built once on the driver. Executors load it with {@link RuleSet#imported(byte[])},
 * without compiling, once per JVM.
 */
public final class RuleSetSource implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String id;
    private final byte[] exported;
    /** The rule set as the driver loaded it; not sent to executors. */
    private final transient RuleSet loaded;

    private RuleSetSource(String id, byte[] exported, RuleSet loaded) {
        this.id = id;
        this.exported = exported;
        this.loaded = loaded;
    }

    /** The rule set of a loaded {@link RuleSet}. */
    public static RuleSetSource of(RuleSet rules) {
        return new RuleSetSource(rules.id(), rules.export(), rules);
    }

    /** A compiled rule set as an executor receives it ({@link RuleSet#export()}), with nothing loaded yet. */
    static RuleSetSource exported(RuleSet rules) {
        return new RuleSetSource(rules.id(), rules.export(), null);
    }

    /**
     * Offers the driver's loaded rule set to the executors in the driver's own JVM (Spark's local mode), which
     * then use it rather than load the broadcast copy again; executors in other JVMs load theirs once each.
     */
    void offer() {
        if (loaded != null) {
            Loaded.offer(id, loaded);
        }
    }

    /** The packaged rule set. */
    public static RuleSetSource packaged() throws RuleSetException {
        return of(RuleSet.loadDefault());
    }

    /** The rule files below these folders (the packaged rule set when none). */
    public static RuleSetSource folders(List<Path> folders) throws RuleSetException {
        return folders.isEmpty() ? packaged() : of(RuleSet.load(folders, List.of()));
    }

    public String id() {
        return id;
    }

    byte[] exported() {
        return exported;
    }
}
