package org.accrue.planning;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What to plan for.
 *
 * @param award        the award's id
 * @param asOf         the date the plan is made on: planned items are issued on it
 * @param objective    what to minimise
 * @param budget       the most the plan may cost, in the catalogue's currency, or null for no limit
 * @param alternatives how many further plans to give after the best, in order (0 for none)
 */
public record PlanRequest(String award, LocalDate asOf, Objective objective, BigDecimal budget, int alternatives) {
    /** The most alternatives one request may ask for. */
    public static final int MAX_ALTERNATIVES = 20;

    public PlanRequest {
        if (alternatives < 0 || alternatives > MAX_ALTERNATIVES) {
            throw new IllegalArgumentException("alternatives must be from 0 to " + MAX_ALTERNATIVES);
        }
        if (budget != null && budget.signum() < 0) {
            throw new IllegalArgumentException("a budget cannot be negative");
        }
    }
}
