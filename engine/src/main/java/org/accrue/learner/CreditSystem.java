package org.accrue.learner;

/** Credit systems a learner record may state credit in. */
public enum CreditSystem {
    /** SCQF credit points (1 point = 10 notional hours). */
    SCQF,
    /** European Credit Transfer and Accumulation System (1 ECTS = 25-30 hours). */
    ECTS,
    /** UK credits under the FHEQ (1 credit = 10 notional hours). */
    FHEQ,
    /** New Zealand credits (1 credit = 10 notional learning hours, as SCQF points). */
    NZQF,
    /** US semester credit hours (34 CFR 600.2: about 45 hours of work each), at the registry's rate. */
    US_SEMESTER,
    /** US quarter credit hours: two thirds of a semester hour. */
    US_QUARTER
}
