package org.accrue.vocabulary;

/**
 * A passed credential's grade read on one scale every award can compare: the ECTS grading scale's bands, A (best)
 * to E. Inserted by the grade-band tables ({@code frameworks/grade-bands-*.drl.csv}), which a registry edits or
 * replaces with its own conversion (the ECTS Users' Guide recommends grading tables of its own); at most one per
 * credential. Award rules compare grades with {@link Credit#gradeAtLeast(String)}.
 *
 * @param band A, B, C, D or E
 * @param row  the table row that read it, as its rule names it
 */
public record GradeBand(String credential, String band, String row) {
    /** The bands, best first. */
    public static final java.util.List<String> BANDS = java.util.List.of("A", "B", "C", "D", "E");
}
