package org.accrue.vocabulary;

/**
 * What a grading-scale rule made of a credential's grade ({@code frameworks/grades.drl}): passed, failed, or not
 * judged (a plain-text grade, a scale no rule knows, a value off its scale). A failed credential carries no credit
 * and is no micro-credential. Inserted by framework rules, one per graded credential.
 *
 * @param explanation in words, for the result: {@code failed (grade F on the ECTS scale)}
 */
public record GradeJudgement(String credential, Outcome outcome, String explanation) {
    public enum Outcome {
        PASSED,
        FAILED,
        NOT_JUDGED
    }

    public boolean failed() {
        return outcome == Outcome.FAILED;
    }
}
