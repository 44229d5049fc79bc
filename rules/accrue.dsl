#/ Accrue's rule vocabulary: the sentences programme designers write award rules in (.dslr files).
#/ Every sentence and what it means is listed in docs/authoring.md. A line starting "#" is a comment.
#/ Sentences in a "when" part describe a credential; those starting "-" add to the sentence above.
#/ Drools tries sentences in this order and takes the first that matches: a sentence must come before any
#/ shorter sentence that starts the same way.
#/ "is tagged" takes up to eight alternatives joined by "or" (rules check says so for more).
[condition][]a credential=$c : Credit()
[condition][]- is tagged "{s1}" or "{s2}" or "{s3}" or "{s4}" or "{s5}" or "{s6}" or "{s7}" or "{s8}"=hasSubject("{s1}", "{s2}", "{s3}", "{s4}", "{s5}", "{s6}", "{s7}", "{s8}")
[condition][]- is tagged "{s1}" or "{s2}" or "{s3}" or "{s4}" or "{s5}" or "{s6}" or "{s7}"=hasSubject("{s1}", "{s2}", "{s3}", "{s4}", "{s5}", "{s6}", "{s7}")
[condition][]- is tagged "{s1}" or "{s2}" or "{s3}" or "{s4}" or "{s5}" or "{s6}"=hasSubject("{s1}", "{s2}", "{s3}", "{s4}", "{s5}", "{s6}")
[condition][]- is tagged "{s1}" or "{s2}" or "{s3}" or "{s4}" or "{s5}"=hasSubject("{s1}", "{s2}", "{s3}", "{s4}", "{s5}")
[condition][]- is tagged "{s1}" or "{s2}" or "{s3}" or "{s4}"=hasSubject("{s1}", "{s2}", "{s3}", "{s4}")
[condition][]- is tagged "{s1}" or "{s2}" or "{s3}"=hasSubject("{s1}", "{s2}", "{s3}")
[condition][]- is tagged "{subject}" or "{other}"=(subjects contains "{subject}" || subjects contains "{other}")
[condition][]- is tagged "{subject}"=subjects contains "{subject}"
[condition][]- is at SCQF level {level} or above=atLevel({level})
[condition][]- has a grade of at least "{band}"=gradeAtLeast("{band}")
[condition][]- is worth at least {points} SCQF points=points >= {points}
[condition][]- comes by route {route}=routeIs("{route}")
[condition][]- has course code "{code}"=code == "{code}"
[condition][]- was awarded by "{body}"=awardedBy("{body}")
[condition][]- is equivalent to module "{module}"=modules contains "{module}"
[consequence][]it may count toward requirement "{requirement}" of award "{award}"=insert(new MayCount("{award}", "{requirement}", $c));
[consequence][]it may count as general credit toward award "{award}"=insert(new MayCount("{award}", $c));
[consequence][]award "{award}" is the "{title}" at SCQF level {level} in {terms} terms=insert(new Award("{award}", "{title}", {level}, "{terms}"));
[consequence][]award "{award}" is the "{title}" at SCQF level {level}=insert(new Award("{award}", "{title}", {level}));
[consequence][]award "{award}" needs at least {points} SCQF points in all=insert(new TotalCredit("{award}", new java.math.BigDecimal("{points}")));
[consequence][]award "{award}" needs at least {points} SCQF points at SCQF level {level} or above=insert(new CreditAtLevel("{award}", new java.math.BigDecimal("{points}"), {level}));
[consequence][]award "{award}" has requirement "{requirement}": module "{module}"=insert(Requirement.module("{award}", "{requirement}", "{module}"));
[consequence][]award "{award}" has requirement "{requirement}": at least {points} SCQF points of {description}=insert(new Requirement("{award}", "{requirement}", new java.math.BigDecimal("{points}"), "{description}"));
[consequence][]award "{award}" has requirement "{requirement}": one credential, {description}=insert(Requirement.credentials("{award}", "{requirement}", 1, "{description}"));
[consequence][]award "{award}" has requirement "{requirement}": at least {count} credentials, {description}=insert(Requirement.credentials("{award}", "{requirement}", {count}, "{description}"));
[consequence][]award "{award}" counts any credit as general credit=insert(new GeneralCredit("{award}"));
[consequence][]award "{award}" counts at most {points} SCQF points by route {routes}=insert(CreditCap.byRoutes("{award}", new java.math.BigDecimal("{points}"), "{routes}"));
[consequence][]award "{award}" counts only credit issued in the last {years} years=insert(new Recency("{award}", {years}));
[consequence][]requirement "{requirement}" of award "{award}" needs credit from at least {count} different awarding bodies=insert(new DifferentBodies("{award}", "{requirement}", {count}));
[consequence][]award "{award}" needs credit from at least {count} different awarding bodies=insert(new DifferentBodies("{award}", {count}));
[consequence][]award "{award}" is a personal award with at least {percent}% of its credit in the declared theme=insert(new PersonalAward("{award}", {percent}));
[consequence][]award "{award}" counts credit only while its credential is valid=insert(new CountsWhileValid("{award}"));
[consequence][]award "{award}" shares the credit of award "{other}"=insert(new SharesCredit("{award}", "{other}"));
