package org.accrue.vocabulary;

import org.accrue.learner.Route;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * At most {@code maxPoints} of an award's counted points may come by the given routes (for example transfer
 * and RPL). Credit of an unstated route is not capped.
 */
public record CreditCap(String award, BigDecimal maxPoints, Set<Route> routes) implements AwardFact {
    public CreditCap {
        routes = Set.copyOf(routes);
    }

    public CreditCap(String award, int maxPoints, Route... routes) {
        this(award, BigDecimal.valueOf(maxPoints), routes.length == 0 ? Set.of() : EnumSet.of(routes[0], routes));
    }

    /** A cap over routes named in words: {@code "transfer or rpl"}, {@code "rpl"}, {@code "transfer, rpl"}. */
    public static CreditCap byRoutes(String award, BigDecimal maxPoints, String routes) {
        Set<Route> set = EnumSet.noneOf(Route.class);
        for (String word : routes.trim().split("\\s*(,|\\bor\\b|\\band\\b)\\s*")) {
            if (!word.isBlank()) {
                set.add(Route.valueOf(word.trim().toUpperCase(Locale.ROOT)));
            }
        }
        if (set.isEmpty()) {
            throw new IllegalArgumentException("no route named in '" + routes + "'");
        }
        return new CreditCap(award, maxPoints, set);
    }

    public boolean applies(Credit c) {
        return c.route() != null && routes.contains(c.route());
    }

    /** The requirement id this cap is reported under, such as {@code max-rpl-transfer}. */
    public String id() {
        return "max-" + routes.stream().map(r -> r.name().toLowerCase(Locale.ROOT)).sorted()
                .collect(Collectors.joining("-"));
    }
}
