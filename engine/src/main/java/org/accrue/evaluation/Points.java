package org.accrue.evaluation;

import java.math.BigDecimal;

/** The one place SCQF point values are put in their reported form: exact, no trailing zeros, never 1E+2. */
final class Points {
    private Points() {
    }

    static BigDecimal normal(BigDecimal v) {
        if (v == null) {
            return null;
        }
        if (v.scale() == 0) {
            return v; // the common case: whole points, already in reported form
        }
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    static String text(BigDecimal v) {
        return normal(v).toPlainString();
    }
}
