package org.accrue.batch;

import org.accrue.report.Printable;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts a batch accounts for itself with: records read, evaluated and rejected; per award, eligible and
 * not; per rejection reason, how many. Kept in the checkpoint, so a resumed batch counts the whole run.
 */
public final class Tally {
    long read;
    long evaluated;
    long rejected;
    final Map<String, long[]> awards = new TreeMap<>();
    final Map<String, Long> reasons = new TreeMap<>();

    public long read() {
        return read;
    }

    public long evaluated() {
        return evaluated;
    }

    public long rejected() {
        return rejected;
    }

    /** Eligible and not eligible counts of one award, or null when it was not evaluated. */
    public long[] award(String id) {
        return awards.get(id);
    }

    public Map<String, Long> reasons() {
        return reasons;
    }

    void eligible(String award, boolean eligible) {
        awards.computeIfAbsent(award, a -> new long[2])[eligible ? 0 : 1]++;
    }

    void reject(String reason) {
        rejected++;
        reasons.merge(reason, 1L, Long::sum);
    }

    /** The summary for a person: every record accounted for, then awards and rejection reasons. */
    public void print(PrintWriter out) {
        out.printf("read %d = evaluated %d + rejected %d%s%n", read, evaluated, rejected,
                read == evaluated + rejected ? "" : "  (DOES NOT ADD UP)");
        if (!awards.isEmpty()) {
            out.printf("%-28s %10s %12s%n", "award", "eligible", "not eligible");
            awards.forEach((a, c) -> out.printf("%-28s %10d %12d%n", Printable.visible(a), c[0], c[1]));
        }
        if (!reasons.isEmpty()) {
            out.println("rejected, by reason:");
            reasons.forEach((r, n) -> out.printf("%10d  %s%n", n, Printable.visible(r)));
        }
        out.flush();
    }

    /** The summary as CSV: {@code kind,name,eligible,not_eligible,count}. */
    public void writeCsv(Writer w) throws IOException {
        w.write("kind,name,eligible,not_eligible,count\n");
        w.write("records,read,,," + read + "\n");
        w.write("records,evaluated,,," + evaluated + "\n");
        w.write("records,rejected,,," + rejected + "\n");
        for (var e : awards.entrySet()) {
            w.write("award," + csv(e.getKey()) + "," + e.getValue()[0] + "," + e.getValue()[1] + ","
                    + (e.getValue()[0] + e.getValue()[1]) + "\n");
        }
        for (var e : reasons.entrySet()) {
            w.write("rejection," + csv(e.getKey()) + ",,," + e.getValue() + "\n");
        }
    }

    /**
     * One CSV cell: quoted where it must be, and never a formula: a cell starting with {@code =}, {@code +},
     * {@code -}, {@code @}, a tab or a carriage return gets a leading apostrophe (OWASP's rule against CSV
     * injection), since a reason can quote a learner file's field name and an award id comes from rule files.
     */
    static String csv(String s) {
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
