package org.accrue;

import org.accrue.learner.Assessment;
import org.accrue.learner.Credential;
import org.accrue.learner.CreditSystem;
import org.accrue.learner.Learner;
import org.accrue.learner.LearnerRecord;
import org.accrue.learner.LevelFramework;
import org.accrue.learner.Participation;
import org.accrue.learner.QualityAssurance;
import org.accrue.learner.Route;
import org.accrue.learner.StatedCredit;
import org.accrue.learner.StatedLevel;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Builds learner records for tests: a credential is credit-bearing unless a test says otherwise. */
public final class Learners {
    private Learners() {
    }

    public static LearnerRecord learner(C... credentials) {
        return new LearnerRecord(new Learner("L-TEST", "Test Learner"),
                java.util.Arrays.stream(credentials).map(C::build).toList(), null);
    }

    public static C credential(String id) {
        return new C(id);
    }

    /** A credential builder with credit-bearing defaults: summative, externally assured, taught, issued 2025. */
    public static final class C {
        String id;
        String title;
        String code;
        String awardingBody = "Test University";
        String country = "GB-SCT";
        LocalDate issued = LocalDate.of(2025, 6, 30);
        StatedCredit credit;
        StatedLevel level;
        BigDecimal hours;
        Assessment assessment = Assessment.SUMMATIVE;
        Participation participation = Participation.ONLINE;
        QualityAssurance qa = QualityAssurance.EXTERNAL;
        Boolean identityVerified = true;
        List<String> subjects = List.of();
        List<String> outcomes = List.of("An outcome");
        Route route = Route.TAUGHT;
        String partOf;
        org.accrue.learner.StatedGrade grade;

        C(String id) {
            this.id = id;
            this.title = "Course " + id;
        }

        public C scqf(String points, int level) {
            credit = new StatedCredit(new BigDecimal(points), CreditSystem.SCQF);
            this.level = new StatedLevel(LevelFramework.SCQF, level);
            return this;
        }

        public C scqf(int points, int level) {
            return scqf(Integer.toString(points), level);
        }

        public C credit(String value, CreditSystem system) {
            credit = value == null ? new StatedCredit(null, system) : new StatedCredit(new BigDecimal(value), system);
            return this;
        }

        public C noCredit() {
            credit = null;
            return this;
        }

        public C level(LevelFramework framework, int value) {
            level = new StatedLevel(framework, value);
            return this;
        }

        public C noLevel() {
            level = null;
            return this;
        }

        public C hours(String h) {
            hours = h == null ? null : new BigDecimal(h);
            return this;
        }

        public C subjects(String... s) {
            subjects = List.of(s);
            return this;
        }

        public C outcomes(String... o) {
            outcomes = List.of(o);
            return this;
        }

        public C issued(String date) {
            issued = date == null ? null : LocalDate.parse(date);
            return this;
        }

        public C route(Route r) {
            route = r;
            return this;
        }

        public C assessment(Assessment a) {
            assessment = a;
            return this;
        }

        public C qa(QualityAssurance q) {
            qa = q;
            return this;
        }

        public C participation(Participation p) {
            participation = p;
            return this;
        }

        public C identityVerified(Boolean v) {
            identityVerified = v;
            return this;
        }

        public C awardingBody(String a) {
            awardingBody = a;
            return this;
        }

        public C partOf(String parent) {
            partOf = parent;
            return this;
        }

        public C code(String c) {
            code = c;
            return this;
        }

        public C country(String c) {
            country = c;
            return this;
        }

        /** A grade on a scale, or plain text when {@code scale} is null. */
        public C grade(String value, String scale) {
            grade = new org.accrue.learner.StatedGrade(value, scale);
            return this;
        }

        public Credential build() {
            return new Credential(id, code, title, awardingBody, country, issued, credit, level, hours, assessment,
                    participation, qa, identityVerified, subjects, outcomes, grade, route, partOf, null);
        }
    }
}
