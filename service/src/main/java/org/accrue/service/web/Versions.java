package org.accrue.service.web;

/** The versions of the assets served from webjars, as the build put them on the class path. */
final class Versions {
    /** GOV.UK Frontend's version: the folder of its webjar. */
    static final String GOVUK_FRONTEND = version();

    private Versions() {
    }

    private static String version() {
        try (var in = Versions.class.getResourceAsStream(
                "/META-INF/maven/org.webjars.npm/govuk-frontend/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("GOV.UK Frontend is not on the class path");
            }
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
