package org.accrue.evaluation;

import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.rule.FactHandle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Every fact in a session, in insertion order, with the rule that inserted it (null for the engine's own).
 * The explanation of a result is built from this log.
 */
final class FactLog implements RuleRuntimeEventListener {
    record Entry(Object fact, String rule) {
    }

    private final Map<FactHandle, Entry> entries = new LinkedHashMap<>();

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        entries.put(event.getFactHandle(),
                new Entry(event.getObject(), event.getRule() == null ? null : event.getRule().getName()));
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        Entry old = entries.get(event.getFactHandle());
        if (old != null) {
            entries.put(event.getFactHandle(), new Entry(event.getObject(), old.rule()));
        }
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        entries.remove(event.getFactHandle());
    }

    /** The entries whose fact is of the given type, in insertion order. */
    <T> List<Inserted<T>> of(Class<T> type) {
        return of(type, t -> true);
    }

    <T> List<Inserted<T>> of(Class<T> type, Predicate<T> filter) {
        List<Inserted<T>> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (type.isInstance(e.fact()) && filter.test(type.cast(e.fact()))) {
                out.add(new Inserted<>(type.cast(e.fact()), e.rule()));
            }
        }
        return out;
    }

    /** A fact of a known type and the rule that inserted it. */
    record Inserted<T>(T fact, String rule) {
        String by() {
            return rule == null ? "the engine" : "rule '" + rule + "'";
        }
    }
}
