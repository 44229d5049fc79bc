package org.accrue.learner;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A credential as its issuer states it. Every field but {@code id} and {@code title} may be null
 * (lists are empty instead); the framework rules decide what a missing field means.
 *
 * @param awardingBody the awarding body, or for a joint award the first of {@code awardingBodies}
 * @param country  the issuer's country or region (ISO 3166), or for a joint award the first of {@code countries}
 * @param subjects subject tags or HECoS codes, trimmed and lower-cased by the reader
 * @param route    how the credit reaches the awarding institution
 * @param grade    the grade and its scale, or null; whether it is a pass is decided by the framework rules
 * @param partOf   the id of another credential in the same record that this one is part of (a course of a
 *                 programme, as a CLR association says), or null
 * @param nationalLevel the credential's level in a national framework, stated beside an EQF {@code level} where the
 *                 EQF level corresponds to two (EQF 6 is SCQF 9 or 10): the national one is referenced, not the
 *                 EQF one; null when not stated
 * @param proof    true when the credential came with a cryptographic proof (a signed Open Badge, CLR or
 *                 Europass credential), false when it came without one, null when its format has none;
 *                 whether the proof checks is the evaluation's verification, from the record's
 *                 {@link LearnerRecord#provenance()}
 * @param awardingBodies every awarding body, for a joint award several (the Council Recommendation's "awarding
 *                 body(ies)"), the first being {@code awardingBody}; empty when none is stated
 * @param countries every country or region of the issuers, the first being {@code country}; empty when none
 * @param validUntil the last day the credential is valid, as its issuer states it (Open Badges 3.0 and Europass
 *                 {@code validUntil}); null when it states none. Whether an award counts expired credit is the
 *                 award's rule ({@code CountsWhileValid})
 * @param awardingBodyIds identifiers of the awarding bodies (an Erasmus code, a ROR id, a SCHAC home organisation),
 *                 which equivalence rows and "different awarding bodies" use before names; empty when none
 */
public record Credential(
        String id,
        String code,
        String title,
        String awardingBody,
        String country,
        LocalDate issued,
        StatedCredit credit,
        StatedLevel level,
        BigDecimal hours,
        Assessment assessment,
        Participation participation,
        QualityAssurance qualityAssurance,
        Boolean identityVerified,
        List<String> subjects,
        List<String> outcomes,
        StatedGrade grade,
        Route route,
        String partOf,
        Boolean proof,
        StatedLevel nationalLevel,
        List<String> awardingBodies,
        List<String> countries,
        LocalDate validUntil,
        List<String> awardingBodyIds) {

    public Credential {
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
        awardingBodies = firstOf(awardingBody, awardingBodies);
        awardingBody = awardingBodies.isEmpty() ? null : awardingBodies.get(0);
        countries = firstOf(country, countries);
        country = countries.isEmpty() ? null : countries.get(0);
        awardingBodyIds = firstOf(null, awardingBodyIds);
    }

    /** A credential from one awarding body in one country (or none stated). */
    public Credential(String id, String code, String title, String awardingBody, String country, LocalDate issued,
                      StatedCredit credit, StatedLevel level, BigDecimal hours, Assessment assessment,
                      Participation participation, QualityAssurance qualityAssurance, Boolean identityVerified,
                      List<String> subjects, List<String> outcomes, StatedGrade grade, Route route, String partOf,
                      Boolean proof, StatedLevel nationalLevel) {
        this(id, code, title, awardingBody, country, issued, credit, level, hours, assessment, participation,
                qualityAssurance, identityVerified, subjects, outcomes, grade, route, partOf, proof, nationalLevel,
                List.of(), List.of(), null, List.of());
    }

    /** A credential that states no national level beside its level. */
    public Credential(String id, String code, String title, String awardingBody, String country, LocalDate issued,
                      StatedCredit credit, StatedLevel level, BigDecimal hours, Assessment assessment,
                      Participation participation, QualityAssurance qualityAssurance, Boolean identityVerified,
                      List<String> subjects, List<String> outcomes, StatedGrade grade, Route route, String partOf,
                      Boolean proof) {
        this(id, code, title, awardingBody, country, issued, credit, level, hours, assessment, participation,
                qualityAssurance, identityVerified, subjects, outcomes, grade, route, partOf, proof, null, List.of(),
                List.of(), null, List.of());
    }

    /**
     * The issue date, under a bean name: Drools' executable model reads {@code issued} as a boolean property
     * "sued" and cannot find the record accessor without it.
     */
    public LocalDate getIssued() {
        return issued;
    }

    /** The same credential with its credit stated in a credit system (which the trust list gave). */
    public Credential withCredit(StatedCredit stated) {
        return new Credential(id, code, title, awardingBody, country, issued, stated, level, hours, assessment,
                participation, qualityAssurance, identityVerified, subjects, outcomes, grade, route, partOf, proof,
                nationalLevel, awardingBodies, countries, validUntil, awardingBodyIds);
    }

    /** The same credential with its level stated in a framework (which the trust list gave). */
    public Credential withLevel(StatedLevel stated) {
        return new Credential(id, code, title, awardingBody, country, issued, credit, stated, hours, assessment,
                participation, qualityAssurance, identityVerified, subjects, outcomes, grade, route, partOf, proof,
                nationalLevel, awardingBodies, countries, validUntil, awardingBodyIds);
    }

    /** The one stated first, then the list's others, each once, in order. */
    private static List<String> firstOf(String first, List<String> all) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        if (first != null) {
            out.add(first);
        }
        if (all != null) {
            out.addAll(all);
        }
        return List.copyOf(out);
    }

    /**
     * Whether the body, as a rule or an equivalence row names it, is one of the credential's awarding bodies: one of
     * their identifiers, or one of their names, case and spacing aside.
     */
    public boolean awardedBy(String body) {
        if (body == null) {
            return false;
        }
        for (String id : awardingBodyIds) {
            if (sameBody(id, body)) {
                return true;
            }
        }
        for (String name : awardingBodies) {
            if (sameBody(name, body)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code bodyKey(a).equals(bodyKey(b))}, without making either key when both are ASCII: an equivalence table
     * asks this for every credential and row, so it is on the batch's hot path.
     */
    static boolean sameBody(String a, String b) {
        if (!ascii(a) || !ascii(b)) {
            return bodyKey(a).equals(bodyKey(b));
        }
        int ai = start(a);
        int ae = end(a, ai);
        int bi = start(b);
        int be = end(b, bi);
        while (ai < ae && bi < be) {
            char ca = a.charAt(ai);
            char cb = b.charAt(bi);
            boolean sa = regexSpace(ca);
            if (sa != regexSpace(cb)) {
                return false;
            }
            if (sa) { // a run of spaces is one space
                while (ai < ae && regexSpace(a.charAt(ai))) {
                    ai++;
                }
                while (bi < be && regexSpace(b.charAt(bi))) {
                    bi++;
                }
                continue;
            }
            if (lower(ca) != lower(cb)) {
                return false;
            }
            ai++;
            bi++;
        }
        return ai == ae && bi == be;
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** Where {@link String#strip()} would start and end. */
    private static int start(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int end(String s, int start) {
        int e = s.length();
        while (e > start && Character.isWhitespace(s.charAt(e - 1))) {
            e--;
        }
        return e;
    }

    /** The characters {@code \s} matches in a pattern. */
    private static boolean regexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** The awarding bodies as "different awarding bodies" counts them: by identifier where stated, else by name. */
    public List<String> bodyKeys() {
        List<String> keys = awardingBodyIds.isEmpty() ? awardingBodies : awardingBodyIds;
        return keys.stream().map(Credential::bodyKey).distinct().toList();
    }

    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

    /** A body's name or identifier as compared: trimmed, runs of spaces as one, lower case. */
    public static String bodyKey(String s) {
        return SPACES.matcher(s.strip()).replaceAll(" ").toLowerCase(java.util.Locale.ROOT);
    }

    /** True when the credential is tagged with any of the given subjects. */
    public boolean hasSubject(String... wanted) {
        for (String s : wanted) {
            if (subjects.contains(s)) {
                return true;
            }
        }
        return false;
    }
}
