package org.accrue.learner;

import java.math.BigDecimal;

/** The credit a credential states, in its own credit system. {@code value} may be null. */
public record StatedCredit(BigDecimal value, CreditSystem system) {
}
