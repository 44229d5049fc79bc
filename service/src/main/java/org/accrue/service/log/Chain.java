package org.accrue.service.log;

import org.accrue.io.Sha256;

import java.nio.charset.StandardCharsets;

/**
 * How a record's hash is made: SHA-256 over the previous record's hash and each field, every value written with
 * its length so that no two different records can give the same text. The input and the result enter through
 * their SHA-256, so that erasing them (personal data) leaves every hash as it was.
 */
public final class Chain {
    /** The hash before the first record. */
    public static final String START = "0".repeat(64);

    private Chain() {
    }

    /** The hash of a record with these fields after {@code prevHash}. */
    public static String hash(String prevHash, long seq, String id, String at, String by, String learnerId,
                              String asOf, String awards, String ruleSet, String status, String reason,
                              String verdicts, String exceptions, String mediaType, String inputSha256,
                              String resultSha256) {
        StringBuilder text = new StringBuilder("accrue-decision-v1\n");
        field(text, "prev", prevHash);
        field(text, "seq", Long.toString(seq));
        field(text, "id", id);
        field(text, "at", at);
        field(text, "by", by);
        field(text, "learner", learnerId);
        field(text, "asOf", asOf);
        field(text, "awards", awards);
        field(text, "ruleSet", ruleSet);
        field(text, "status", status);
        field(text, "reason", reason);
        field(text, "verdicts", verdicts);
        field(text, "exceptions", exceptions);
        field(text, "mediaType", mediaType);
        field(text, "input", inputSha256);
        field(text, "result", resultSha256);
        return Sha256.hex(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void field(StringBuilder text, String name, String value) {
        text.append(name).append('=');
        if (value == null) {
            text.append("-\n");
        } else {
            text.append(value.length()).append(':').append(value).append('\n');
        }
    }
}
