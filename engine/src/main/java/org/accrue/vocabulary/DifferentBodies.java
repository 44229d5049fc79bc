package org.accrue.vocabulary;

/**
 * The credit counted toward {@code award} (or toward its named {@code requirement}, when not null) comes from at
 * least {@code count} different awarding bodies: a stack must not come from one provider. A joint credential
 * brings each of its awarding bodies. An award definition.
 */
public record DifferentBodies(String award, String requirement, int count) implements AwardFact {

    /** For the whole award. */
    public DifferentBodies(String award, int count) {
        this(award, null, count);
    }

    /** The id of the requirement this sets in results: {@code awarding-bodies}, or {@code <requirement>-awarding-bodies}. */
    public String id() {
        return requirement == null ? "awarding-bodies" : requirement + "-awarding-bodies";
    }
}
