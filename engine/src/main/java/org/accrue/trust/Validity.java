package org.accrue.trust;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A credential's validity period, judged for a day: valid on it if valid at any moment of it (UTC). */
final class Validity {
    private Validity() {
    }

    /** An XML Schema dateTime (or a date) as an instant; null when it is not one. */
    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException e3) {
                    return null;
                }
            }
        }
    }

    /** True when the credential's validity begins after the day. */
    static boolean notYet(Instant from, LocalDate day) {
        return from != null && from.isAfter(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1));
    }

    /** True when the credential's validity ended before the day began. */
    static boolean ended(Instant until, LocalDate day) {
        return until != null && until.isBefore(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
