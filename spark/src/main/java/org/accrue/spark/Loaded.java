package org.accrue.spark;

import org.accrue.RuleSet;
import org.accrue.RuleSetException;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The rule sets loaded in this JVM, by id: an executor loads a broadcast rule set once, the first time a task needs
 * it, and every later task on the executor (any thread) reuses it. A Drools KieBase cannot be serialised; its
 * compiled form can, and loading that takes well under a second. In Spark's local mode the executor is the driver's
 * JVM, which has the rule set loaded already: the driver offers it ({@link #offer}) and no task loads it again.
 */
final class Loaded {
    private static final ConcurrentHashMap<String, RuleSet> BY_ID = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private Loaded() {
    }

    static RuleSet get(String id, byte[] exported) {
        return BY_ID.computeIfAbsent(id, k -> {
            LOADS.incrementAndGet();
            try {
                RuleSet rules = RuleSet.imported(exported);
                if (!rules.id().equals(id)) {
                    throw new IllegalStateException("the broadcast rule set is " + rules.id() + ", not " + id);
                }
                return rules;
            } catch (RuleSetException e) {
                throw new IllegalStateException("the broadcast rule set does not load: " + e.getMessage(), e);
            }
        });
    }

    /** A rule set this JVM loaded already (the driver's, in local mode), for tasks to use as it is. */
    static void offer(String id, RuleSet rules) {
        if (!rules.id().equals(id)) {
            throw new IllegalArgumentException("the rule set is " + rules.id() + ", not " + id);
        }
        BY_ID.putIfAbsent(id, rules);
    }

    /** For tests: every rule set forgotten, as in a new executor JVM. */
    static void forgetAll() {
        BY_ID.clear();
    }

    /** How many times a rule set was loaded in this JVM. */
    static int loads() {
        return LOADS.get();
    }
}
