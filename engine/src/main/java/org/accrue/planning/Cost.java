package org.accrue.planning;

import java.math.BigDecimal;

/** A price as the catalogue states it: an amount in an ISO 4217 currency ({@code GBP}, {@code EUR}). */
public record Cost(BigDecimal amount, String currency) {
}
