package org.accrue.ruleset;

/**
 * One rule file.
 *
 * @param name    its name inside the rule set, {@code <folder>/<path below it>}, such as
 *                {@code rules/scqf-awards.drl}; what the rule-set hash covers
 * @param display where a user finds it, for messages
 */
public record RuleFile(String name, String display, byte[] content) {
}
