package org.accrue.service.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing: after a number of failed sign-ins for one key (a user name, an address) within
 * {@link #WINDOW}, each further attempt must wait, twice as long after every further failure (1 s, 2 s, 4 s, up to
 * {@link #MAX_WAIT}). A wait is answered at once with 429 and Retry-After, without checking the password, so
 * guessing costs time and nothing else does. A success clears the key's count.
 */
public final class SignInThrottle {
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration MAX_WAIT = Duration.ofMinutes(5);

    private record Failures(int count, Instant last) {
    }

    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int free;

    /** @param free how many failures a key has before it must wait */
    public SignInThrottle(Clock clock, int free) {
        this.clock = clock;
        this.free = free;
    }

    /** How long the caller must still wait before trying these keys again; zero when it may try now. */
    public Duration wait(String... keys) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String key : keys) {
            Failures f = failures.get(key);
            if (f == null || f.count() < free || f.last().plus(WINDOW).isBefore(now)) {
                continue;
            }
            Duration wait = Duration.ofSeconds(1L << Math.min(f.count() - free, 20));
            if (wait.compareTo(MAX_WAIT) > 0) {
                wait = MAX_WAIT;
            }
            Duration left = Duration.between(now, f.last().plus(wait));
            if (left.compareTo(longest) > 0) {
                longest = left;
            }
        }
        return longest;
    }

    /** Counts a failed attempt against each key. */
    public void failed(String... keys) {
        Instant now = clock.instant();
        for (String key : keys) {
            failures.compute(key, (k, f) -> f == null || f.last().plus(WINDOW).isBefore(now)
                    ? new Failures(1, now) : new Failures(f.count() + 1, now));
        }
        if (failures.size() > 100_000) {
            failures.entrySet().removeIf(e -> e.getValue().last().plus(WINDOW).isBefore(now));
        }
    }

    /** Clears a key after a success. */
    public void succeeded(String key) {
        failures.remove(key);
    }
}
