package org.accrue.spark;

import org.accrue.RuleSet;
import org.accrue.RuleSetException;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The rule sets loaded in this JVM, by id: an executor loads a broadcast rule set once, the first time a task needs
 * it, and every later task on the executor (any thread) reuses it. A Drools KieBase cannot be serialised; its
 * compiled form can, and loading that takes well under a second.
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

    /** How many times a rule set was loaded in this JVM. */
    static int loads() {
        return LOADS.get();
    }
}
