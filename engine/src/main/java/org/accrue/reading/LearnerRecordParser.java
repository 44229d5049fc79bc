package org.accrue.reading;

import com.fasterxml.jackson.databind.JsonNode;
import org.accrue.learner.Assessment;
import org.accrue.learner.Credential;
import org.accrue.learner.CreditSystem;
import org.accrue.learner.Learner;
import org.accrue.learner.LearnerRecord;
import org.accrue.learner.LevelFramework;
import org.accrue.learner.Participation;
import org.accrue.learner.QualityAssurance;
import org.accrue.learner.Route;
import org.accrue.learner.StaffException;
import org.accrue.learner.StatedGrade;
import org.accrue.learner.StatedCredit;
import org.accrue.learner.StatedGrade;
import org.accrue.learner.StatedLevel;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a parsed document into a {@link LearnerRecord}, checking every field. This is the one place where
 * learner-file text is normalised: enum words are case-insensitive, subjects are trimmed and lower-cased.
 */
final class LearnerRecordParser {
    private static final Set<String> ROOT_FIELDS = Set.of("learner", "credentials", "exceptions", "conferred",
            "claims");
    private static final Set<String> CLAIM_FIELDS = Set.of("award", "theme", "credentials");
    private static final Set<String> CONFERRED_FIELDS = Set.of("award", "date", "credentials");
    private static final Set<String> EXCEPTION_FIELDS = Set.of("type", "award", "requirement", "credential",
            "authorisedBy", "date", "reason", "proposedBy", "minimum");
    private static final Set<String> LEARNER_FIELDS = Set.of("id", "name");
    private static final Set<String> CREDENTIAL_FIELDS = Set.of("id", "code", "title", "awardingBody", "country",
            "issued", "credit", "level", "hours", "assessment", "participation", "qualityAssurance",
            "identityVerified", "subjects", "outcomes", "grade", "route", "partOf", "proof", "nationalLevel",
            "validUntil", "awardingBodyId");
    private static final Set<String> CREDIT_FIELDS = Set.of("value", "system");
    private static final Set<String> LEVEL_FIELDS = Set.of("framework", "value");
    private static final Set<String> GRADE_FIELDS = Set.of("value", "scale");
    private static final Pattern GRADE_SCALE = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    /** ISO 3166-1 alpha-2, optionally with an ISO 3166-2 subdivision (GB-SCT). */
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");
    /** Credit values are kept exact; more than two decimal places is taken for a typing error. */
    private static final int MAX_CREDIT_DECIMALS = 2;
    /** Hours and other numbers: more decimal places than this are no measurement. */
    private static final int MAX_DECIMALS = 6;
    /** The most credit one credential may state (a doctorate is 540 SCQF points; 10,000 is no credential). */
    private static final BigDecimal MAX_CREDIT = BigDecimal.valueOf(10_000);
    /** The most hours one credential may state (a working life is about 100,000). */
    private static final BigDecimal MAX_HOURS = BigDecimal.valueOf(100_000);
    /** Dates are read in four-digit years; earlier or later ones are typing errors. */
    private static final int FIRST_YEAR = 1000;
    private static final int LAST_YEAR = 9999;

    private final String source;
    private final String prefix;

    LearnerRecordParser(String source) {
        this(source, "");
    }

    /** A parser whose error paths start with {@code prefix}, for a record inside a larger document. */
    LearnerRecordParser(String source, String prefix) {
        this.source = source;
        this.prefix = prefix;
    }

    LearnerRecord parse(JsonNode root) throws InvalidInputException {
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw error("file", "is empty; expected a learner record with 'learner' and 'credentials'");
        }
        requireObject(root, "file");
        if (root.has("items") && !root.has("learner")) {
            throw error("file", "is a catalogue of items on offer, not a learner file; give it to "
                    + "'accrue plan --catalogue'");
        }
        checkFields(root, "", ROOT_FIELDS);
        Learner learner = learner(root.get("learner"));
        List<Credential> credentials = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        JsonNode list = root.get("credentials");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw error("credentials", "must be a list of credentials");
            }
            for (int i = 0; i < list.size(); i++) {
                Credential c = credential(list.get(i), "credentials[" + i + "]");
                Integer first = seen.putIfAbsent(c.id(), i);
                if (first != null) {
                    throw error("credentials[" + i + "].id",
                            "duplicate credential id " + quote(c.id()) + " (first used by credentials[" + first + "])");
                }
                credentials.add(c);
            }
            for (int i = 0; i < credentials.size(); i++) {
                String parent = credentials.get(i).partOf();
                if (parent != null && !seen.containsKey(parent)) {
                    throw error("credentials[" + i + "].partOf", "no credential " + quote(parent) + " in this file");
                }
                if (parent != null && parent.equals(credentials.get(i).id())) {
                    throw error("credentials[" + i + "].partOf", "a credential cannot be part of itself");
                }
            }
            partOfCycles(credentials, seen);
        }
        List<StaffException> exceptions = new ArrayList<>();
        JsonNode ex = root.get("exceptions");
        if (ex != null && !ex.isNull()) {
            if (!ex.isArray()) {
                throw error("exceptions", "must be a list of exceptions");
            }
            for (int i = 0; i < ex.size(); i++) {
                exceptions.add(exception(ex.get(i), "exceptions[" + i + "]", seen.keySet()));
            }
        }
        List<org.accrue.learner.ConferredAward> conferred = new ArrayList<>();
        JsonNode co = root.get("conferred");
        if (co != null && !co.isNull()) {
            if (!co.isArray()) {
                throw error("conferred", "must be a list of awards conferred: {award, date, credentials}");
            }
            for (int i = 0; i < co.size(); i++) {
                String p = "conferred[" + i + "]";
                requireObject(co.get(i), p);
                checkFields(co.get(i), p + ".", CONFERRED_FIELDS);
                String award = requiredText(co.get(i), p + ".", "award");
                LocalDate date = date(co.get(i), p + ".", "date");
                List<String> used = textList(co.get(i), p + ".", "credentials", false);
                for (int j = 0; j < used.size(); j++) {
                    if (!seen.containsKey(used.get(j))) {
                        throw error(p + ".credentials[" + j + "]", "no credential " + quote(used.get(j))
                                + " in this file");
                    }
                }
                conferred.add(new org.accrue.learner.ConferredAward(award, date, used));
            }
        }
        List<org.accrue.learner.Claim> claims = new ArrayList<>();
        JsonNode cl = root.get("claims");
        if (cl != null && !cl.isNull()) {
            if (!cl.isArray()) {
                throw error("claims", "must be a list of personal awards declared: {award, theme, credentials}");
            }
            Set<String> awards = new java.util.HashSet<>();
            for (int i = 0; i < cl.size(); i++) {
                String p = "claims[" + i + "]";
                requireObject(cl.get(i), p);
                checkFields(cl.get(i), p + ".", CLAIM_FIELDS);
                String award = requiredText(cl.get(i), p + ".", "award");
                if (!awards.add(award)) {
                    throw error(p + ".award", quote(award) + " is claimed twice; one claim per personal award");
                }
                String theme = requiredText(cl.get(i), p + ".", "theme").toLowerCase(Locale.ROOT);
                List<String> chosen = textList(cl.get(i), p + ".", "credentials", false);
                if (chosen.isEmpty()) {
                    throw error(p + ".credentials", "is missing or empty; a claim names the credentials chosen");
                }
                for (int j = 0; j < chosen.size(); j++) {
                    if (!seen.containsKey(chosen.get(j))) {
                        throw error(p + ".credentials[" + j + "]", "no credential " + quote(chosen.get(j))
                                + " in this file");
                    }
                }
                claims.add(new org.accrue.learner.Claim(award, theme, chosen));
            }
        }
        return new LearnerRecord(learner, credentials, exceptions, source, Map.of(), conferred, claims);
    }

    /** A credential that is, through its wholes, part of itself: {@code A partOf B, B partOf A}. */
    private void partOfCycles(List<Credential> credentials, Map<String, Integer> index) throws InvalidInputException {
        for (int i = 0; i < credentials.size(); i++) {
            List<String> chain = new ArrayList<>();
            String at = credentials.get(i).id();
            java.util.Set<String> met = new java.util.HashSet<>();
            while (at != null && met.add(at)) {
                chain.add(at);
                at = credentials.get(index.get(at)).partOf();
            }
            if (at != null && at.equals(credentials.get(i).id())) {
                chain.add(at);
                throw error("credentials[" + i + "].partOf", "is a cycle: " + chain.stream()
                        .map(LearnerRecordParser::quote).collect(Collectors.joining(" is part of ")));
            }
        }
    }

    private StaffException exception(JsonNode node, String path, Set<String> credentialIds)
            throws InvalidInputException {
        requireObject(node, path);
        String p = path + ".";
        checkFields(node, p, EXCEPTION_FIELDS);
        StaffException.Type type = word(node, p, "type", StaffException.Type.class);
        if (type == null) {
            throw error(p + "type", "is missing; expected one of " + allowed(StaffException.Type.class));
        }
        String award = requiredText(node, p, "award");
        String requirement = optionalText(node, p, "requirement");
        String credential = optionalText(node, p, "credential");
        // an exception is a decision someone is accountable for: who, when and why are required
        String by = requiredText(node, p, "authorisedBy");
        LocalDate date = date(node, p, "date");
        if (date == null) {
            throw error(p + "date", "is missing; an exception needs the date it was authorised");
        }
        String reason = requiredText(node, p, "reason");
        String proposedBy = optionalText(node, p, "proposedBy");
        String kind = type.name().toLowerCase(Locale.ROOT).replace('_', '-');
        if (type.namesRequirement() && requirement == null) {
            throw error(p + "requirement", "is missing; a " + kind + " names the requirement it applies to");
        }
        if (type.namesCredential() && credential == null) {
            throw error(p + "credential", "is missing; a " + kind + " names the credential it applies to");
        }
        if (!type.namesCredential() && credential != null) {
            throw error(p + "credential", (type == StaffException.Type.WAIVE ? "a waiver" : "a " + kind)
                    + " applies to a requirement, not a credential");
        }
        if (!type.namesRequirement() && requirement != null) {
            throw error(p + "requirement", "an allowance applies to a credential, not a requirement");
        }
        BigDecimal minimum = number(node, p, "minimum", MAX_CREDIT, MAX_CREDIT_DECIMALS);
        if (type == StaffException.Type.MODIFY && minimum == null) {
            throw error(p + "minimum", "is missing; a modify gives the requirement's new minimum");
        }
        if (type != StaffException.Type.MODIFY && minimum != null) {
            throw error(p + "minimum", "only a modify changes a minimum");
        }
        if (credential != null && !credentialIds.contains(credential)) {
            throw error(p + "credential", "no credential " + quote(credential) + " in this file");
        }
        return new StaffException(type, award, requirement, credential, by, date, reason, proposedBy, minimum);
    }

    private Learner learner(JsonNode node) throws InvalidInputException {
        if (node == null || node.isNull()) {
            throw error("learner", "is missing; expected {id: ..., name: ...}");
        }
        requireObject(node, "learner");
        checkFields(node, "learner.", LEARNER_FIELDS);
        return new Learner(requiredText(node, "learner.", "id"), optionalText(node, "learner.", "name"));
    }

    Credential credential(JsonNode node, String path) throws InvalidInputException {
        requireObject(node, path);
        String p = path + ".";
        checkFields(node, p, CREDENTIAL_FIELDS);
        return new Credential(
                requiredText(node, p, "id"),
                optionalText(node, p, "code"),
                requiredText(node, p, "title"),
                null,
                null,
                date(node, p, "issued"),
                credit(node.get("credit"), p + "credit"),
                level(node.get("level"), p + "level"),
                number(node, p, "hours", MAX_HOURS, MAX_DECIMALS),
                word(node, p, "assessment", Assessment.class),
                word(node, p, "participation", Participation.class),
                word(node, p, "qualityAssurance", QualityAssurance.class),
                bool(node, p, "identityVerified"),
                textList(node, p, "subjects", true),
                textList(node, p, "outcomes", false),
                grade(node.get("grade"), p + "grade"),
                word(node, p, "route", Route.class),
                optionalText(node, p, "partOf"),
                bool(node, p, "proof"),
                nationalLevel(node.get("nationalLevel"), p + "nationalLevel"),
                oneOrMore(node, p, "awardingBody"),
                countries(node, p),
                validUntil(node, p),
                oneOrMore(node, p, "awardingBodyId"));
    }

    /** The last day a credential is valid: a date, not before its issue date. */
    private LocalDate validUntil(JsonNode node, String p) throws InvalidInputException {
        LocalDate until = date(node, p, "validUntil");
        LocalDate issued = date(node, p, "issued");
        if (until != null && issued != null && until.isBefore(issued)) {
            throw error(p + "validUntil", until + " is before its issue date " + issued);
        }
        return until;
    }

    /**
     * A text, or for a joint award a list of them (the Council Recommendation's "awarding body(ies)",
     * "country(ies)"): each non-empty, none twice.
     */
    private List<String> oneOrMore(JsonNode node, String p, String field) throws InvalidInputException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || !v.isArray()) {
            String one = optionalText(node, p, field);
            return one == null ? List.of() : List.of(one);
        }
        if (v.isEmpty()) {
            throw error(p + field, "is an empty list; leave it out, or name one or more");
        }
        List<String> all = textList(node, p, field, false);
        for (int i = 0; i < all.size(); i++) {
            if (all.indexOf(all.get(i)) < i) {
                throw error(p + field + "[" + i + "]", quote(all.get(i)) + " is listed twice");
            }
        }
        return all;
    }

    /** A grade: plain text (not judged), or {@code {value, scale}}. */
    private StatedGrade grade(JsonNode node, String path) throws InvalidInputException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isValueNode()) {
            String s = node.asText().trim();
            if (s.isEmpty()) {
                throw error(path, "is empty");
            }
            return new StatedGrade(s, null);
        }
        requireObject(node, path);
        String p = path + ".";
        checkFields(node, p, GRADE_FIELDS);
        String value = optionalText(node, p, "value");
        if (value == null) {
            throw error(p + "value", "is missing");
        }
        String scale = optionalText(node, p, "scale");
        if (scale != null) {
            scale = scale.toLowerCase(java.util.Locale.ROOT);
            if (!GRADE_SCALE.matcher(scale).matches()) {
                throw error(p + "scale", "'" + org.accrue.report.Printable.echo(scale) + "' is no scale name: letters, "
                        + "digits and '-' (ects, uk-percent, nl-10, de-5, pass-fail, or one the rules define)");
            }
        }
        return new StatedGrade(value, scale);
    }

    /** A level in a national framework, stated beside the EQF one: not an EQF level itself. */
    private StatedLevel nationalLevel(JsonNode node, String path) throws InvalidInputException {
        StatedLevel l = level(node, path);
        if (l != null && l.framework() == LevelFramework.EQF) {
            throw error(path + ".framework", "is EQF; a national level is in a national framework (SCQF, FHEQ, NFQ, "
                    + "RQF, CQFW, NZQF, AQF), stated beside the EQF level");
        }
        return l;
    }

    private StatedCredit credit(JsonNode node, String path) throws InvalidInputException {
        if (node == null || node.isNull()) {
            return null;
        }
        requireObject(node, path);
        String p = path + ".";
        checkFields(node, p, CREDIT_FIELDS);
        BigDecimal value = number(node, p, "value", MAX_CREDIT, MAX_CREDIT_DECIMALS);
        CreditSystem system = word(node, p, "system", CreditSystem.class);
        if (system == null) {
            throw error(p + "system", "is missing; expected one of " + allowed(CreditSystem.class));
        }
        return new StatedCredit(value, system);
    }

    private StatedLevel level(JsonNode node, String path) throws InvalidInputException {
        if (node == null || node.isNull()) {
            return null;
        }
        requireObject(node, path);
        String p = path + ".";
        checkFields(node, p, LEVEL_FIELDS);
        LevelFramework framework = word(node, p, "framework", LevelFramework.class);
        if (framework == null) {
            throw error(p + "framework", "is missing; expected one of " + allowed(LevelFramework.class));
        }
        JsonNode v = node.get("value");
        if (v == null || v.isNull()) {
            throw error(p + "value", "is missing; expected a " + framework + " level "
                    + framework.lowest() + "-" + framework.highest());
        }
        boolean digits = v.isTextual() && v.asText().trim().matches("\\d{1,9}");
        if (!(v.isIntegralNumber() && v.canConvertToInt()) && !digits) {
            throw error(p + "value", quote(v.asText()) + " is not a whole-number level");
        }
        int level = v.isIntegralNumber() ? v.intValue() : Integer.parseInt(v.asText().trim());
        if (!framework.defines(level)) {
            throw error(p + "value", level + " is outside " + framework + " levels "
                    + framework.lowest() + "-" + framework.highest());
        }
        return new StatedLevel(framework, level);
    }

    private List<String> countries(JsonNode node, String p) throws InvalidInputException {
        List<String> all = new ArrayList<>();
        boolean list = node.path("country").isArray();
        for (String c : oneOrMore(node, p, "country")) {
            String at = p + "country" + (list ? "[" + all.size() + "]" : "");
            c = c.toUpperCase(Locale.ROOT);
            if (!COUNTRY.matcher(c).matches()) {
                throw error(at, quote(c) + " is not an ISO 3166 country code (GB) or subdivision (GB-SCT)");
            }
            if (all.contains(c)) {
                throw error(at, quote(c) + " is listed twice");
            }
            all.add(c);
        }
        return all;
    }

    LocalDate date(JsonNode node, String p, String field) throws InvalidInputException {
        String s = optionalText(node, p, field);
        if (s == null) {
            return null;
        }
        LocalDate d;
        try {
            d = LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw error(p + field, quote(s) + " is not a date (YYYY-MM-DD)");
        }
        if (d.getYear() < FIRST_YEAR || d.getYear() > LAST_YEAR) {
            throw error(p + field, quote(s) + " is not a date in years " + FIRST_YEAR + "-" + LAST_YEAR);
        }
        return d;
    }

    /**
     * A number from 0 to {@code max} with at most {@code decimals} decimal places, checked before anything is
     * done with it: a number written as {@code 1e999999999} is refused here, not spelt out in a message or
     * carried into arithmetic.
     */
    BigDecimal number(JsonNode node, String p, String field, BigDecimal max, int decimals)
            throws InvalidInputException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        BigDecimal n;
        String written = v.asText().trim();
        if (v.isNumber()) {
            n = v.decimalValue();
        } else if (v.isTextual()) {
            try {
                n = new BigDecimal(written);
            } catch (NumberFormatException e) {
                throw error(p + field, quote(v.asText()) + " is not a number");
            }
        } else {
            throw error(p + field, "must be a number");
        }
        String shown = org.accrue.report.Printable.echo(written);
        if (n.signum() < 0) {
            throw error(p + field, shown + " is negative");
        }
        if (n.compareTo(max) > 0) {
            throw error(p + field, shown + " is more than " + max.toPlainString() + ", the most a credential can state");
        }
        if (n.signum() != 0 && n.stripTrailingZeros().scale() > decimals) {
            throw error(p + field, shown + " has more than " + decimals + " decimal places");
        }
        return n.signum() == 0 ? BigDecimal.ZERO : n.scale() > decimals ? n.setScale(decimals) : n;
    }

    /** A learner-supplied value as an error message echoes it: quoted, printable, at most a few dozen characters. */
    static String quote(String s) {
        return "'" + org.accrue.report.Printable.echo(s) + "'";
    }

    Boolean bool(JsonNode node, String p, String field) throws InvalidInputException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw error(p + field, quote(v.asText()) + " is not true or false");
        }
        return v.booleanValue();
    }

    <E extends Enum<E>> E word(JsonNode node, String p, String field, Class<E> type)
            throws InvalidInputException {
        String s = optionalText(node, p, field);
        if (s == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw error(p + field, "unknown value " + quote(s) + "; expected one of " + allowed(type));
        }
    }

    List<String> textList(JsonNode node, String p, String field, boolean tags) throws InvalidInputException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw error(p + field, "must be a list");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isValueNode() || item.isNull() || item.asText().isBlank()) {
                throw error(p + field + "[" + i + "]", "must be a non-empty text");
            }
            String s = item.asText().trim();
            out.add(tags ? s.toLowerCase(Locale.ROOT) : s);
        }
        return out;
    }

    String requiredText(JsonNode node, String p, String field) throws InvalidInputException {
        String s = optionalText(node, p, field);
        if (s == null) {
            throw error(p + field, "is missing");
        }
        return s;
    }

    String optionalText(JsonNode node, String p, String field) throws InvalidInputException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw error(p + field, "must be a single value, not a " + (v.isArray() ? "list" : "mapping"));
        }
        String s = v.asText().trim();
        if (s.isEmpty()) {
            throw error(p + field, "is empty");
        }
        return s;
    }

    void requireObject(JsonNode node, String path) throws InvalidInputException {
        if (!node.isObject()) {
            throw error(path, "must be a mapping of fields, not " + describe(node));
        }
    }

    void checkFields(JsonNode node, String prefix, Set<String> known) throws InvalidInputException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw error(prefix + org.accrue.report.Printable.echo(f), "unknown field; expected one of "
                        + known.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
    }

    private static String describe(JsonNode node) {
        if (node.isArray()) {
            return "a list";
        }
        return node.isValueNode() ? quote(node.asText()) : node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> String allowed(Class<E> type) {
        // frameworks and credit systems are acronyms, written in capitals; other words in lower case
        boolean acronyms = type == CreditSystem.class || type == LevelFramework.class;
        return Arrays.stream(type.getEnumConstants())
                .map(e -> acronyms ? e.name() : e.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(" | "));
    }

    InvalidInputException error(String where, String problem) {
        return new InvalidInputException(source, prefix.isEmpty() ? where
                : where.equals("file") ? prefix : prefix + "." + where, problem);
    }
}
