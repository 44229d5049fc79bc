package org.accrue.vocabulary;

/**
 * A personal award: the learner declares its theme and the credentials they chose ({@code claims} in the learner
 * record), only those count, and at least {@code themePercent} per cent of the credit counted is in the declared
 * theme (tagged with it). The award's other rules (its total, its level) check the rest of its coherence. An award
 * definition.
 */
public record PersonalAward(String award, int themePercent) implements AwardFact {
}
