package org.accrue.evaluation;

import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.rule.FactHandle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every fact in a session, in insertion order, with the rule that inserted it (null for the engine's own).
 * The explanation of a result is built from this log. A {@link #mark()} taken before a learner's facts go in
 * lets {@link #since(int)} see only that learner's facts, and {@link #handlesSince(int)} take them out again.
 */
final class FactLog implements RuleRuntimeEventListener {
    record Entry(Object fact, String rule, FactHandle handle) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<FactHandle, Integer> positions = new IdentityHashMap<>();
    private final Guard guard;

    FactLog(Guard guard) {
        this.guard = guard;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        guard.inserted();
        positions.put(event.getFactHandle(), entries.size());
        entries.add(new Entry(event.getObject(), event.getRule() == null ? null : event.getRule().getName(),
                event.getFactHandle()));
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        Integer at = positions.get(event.getFactHandle());
        if (at != null) {
            Entry old = entries.get(at);
            entries.set(at, new Entry(event.getObject(), old.rule(), old.handle()));
        }
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        Integer at = positions.remove(event.getFactHandle());
        if (at != null) {
            entries.set(at, null);
        }
    }

    /** The position the next fact will take. */
    int mark() {
        return entries.size();
    }

    /** Forgets everything from {@code mark} on, once those facts are out of the session. */
    void truncate(int mark) {
        for (int i = entries.size() - 1; i >= mark; i--) {
            Entry e = entries.remove(i);
            if (e != null) {
                positions.remove(e.handle());
            }
        }
    }

    /** The handles of the facts still in the session from {@code mark} on, newest first. */
    List<FactHandle> handlesSince(int mark) {
        List<FactHandle> handles = new ArrayList<>();
        for (int i = entries.size() - 1; i >= mark; i--) {
            if (entries.get(i) != null) {
                handles.add(entries.get(i).handle());
            }
        }
        return handles;
    }

    /** The facts from {@code mark} on, grouped by type once. */
    View since(int mark) {
        Map<Class<?>, List<Inserted<?>>> byType = new HashMap<>();
        for (int i = mark; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e != null) {
                byType.computeIfAbsent(e.fact().getClass(), c -> new ArrayList<>()).add(new Inserted<>(e.fact(), e.rule()));
            }
        }
        return new View(byType);
    }

    /** Facts of a session, by type, in insertion order. */
    static final class View {
        private final Map<Class<?>, List<Inserted<?>>> byType;

        private View(Map<Class<?>, List<Inserted<?>>> byType) {
            this.byType = byType;
        }

        /** The facts of exactly the given type, in insertion order. */
        @SuppressWarnings("unchecked")
        <T> List<Inserted<T>> of(Class<T> type) {
            List<Inserted<?>> list = byType.get(type);
            return list == null ? List.of() : (List<Inserted<T>>) (List<?>) list;
        }

        /** The facts of a type grouped by a key (a credential id, say). */
        <T> Map<String, List<Inserted<T>>> byKey(Class<T> type, java.util.function.Function<T, String> key) {
            Map<String, List<Inserted<T>>> out = new HashMap<>();
            for (Inserted<T> i : of(type)) {
                out.computeIfAbsent(key.apply(i.fact()), k -> new ArrayList<>()).add(i);
            }
            return out;
        }

        boolean isEmpty(Class<?> type) {
            return of(type).isEmpty();
        }
    }

    /** A fact of a known type and the rule that inserted it. */
    record Inserted<T>(T fact, String rule) {
        String by() {
            return rule == null ? "the engine" : "rule '" + rule + "'";
        }
    }

}
