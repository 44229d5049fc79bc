package org.accrue.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code accrue plan} and {@code accrue what-if} end to end, in-process. */
class PlanCommandTest {
    static final Path REPO = Path.of(System.getProperty("accrue.repo", ".."));
    static final String CATALOGUE = REPO.resolve("samples/catalogue.yaml").toString();
    static final String BEN = REPO.resolve("samples/ben-pgcert-nearly.yaml").toString();
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void planPrintsWhatToTakeAndWhatItFills() {
        Cli r = Cli.run("plan", "--award", "pgcert-data-science", "--catalogue", CATALOGUE, "--as-of", "2026-11-28", BEN);
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("Ben Okafor (L-0002): Postgraduate Certificate in Data Science "
                + "(pgcert-data-science), as of 2026-11-28\n  Take 1 item, least cost:\n"), r.out());
        assertTrue(r.out().contains("counts 15 SCQF points as general credit"), r.out());
        assertTrue(r.out().contains("  Alternatives:\n  1. "), r.out());
    }

    @Test
    void jsonIsOneObjectPerAwardWithTheResultInTheDocumentedSchema() throws Exception {
        Cli r = Cli.run("plan", "--all-awards", "--catalogue", CATALOGUE, "--as-of", "2026-11-28", "--format", "json",
                "--minimise", "hours", "--alternatives", "1", BEN);
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(26, lines.size());
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(REPO.resolve("docs/result.schema.json")));
        for (String line : lines) {
            JsonNode plan = JSON.readTree(line);
            assertEquals("hours", plan.get("objective").asText());
            assertEquals("L-0002", plan.get("learner").get("id").asText());
            assertEquals(Set.of(), schema.validate(plan.get("result")), plan.get("award").asText());
            assertTrue(plan.get("plan").isNull() != plan.get("reason").isNull(), line);
            assertTrue(plan.get("alternatives").size() <= 1);
        }
    }

    @Test
    void badInputIsOneLineWithItsStatus(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.catalogue.yaml");
        Files.writeString(bad, "items:\n  - {id: a, title: T, cost: {amount: 10, currency: GBP}, weeks: -1}\n");
        Cli r = Cli.run("plan", "--award", "scqf-pgcert", "--catalogue", bad.toString(), BEN);
        assertEquals(1, r.status());
        assertEquals(bad + ": items[0].weeks: -1 is negative\n", r.err());

        Cli unknown = Cli.run("plan", "--award", "phd", "--catalogue", CATALOGUE, BEN);
        assertEquals(2, unknown.status());
        assertEquals("accrue plan: --award 'phd': unknown award; 'accrue awards' lists the 26 awards of the rule set\n",
                unknown.err());

        Cli both = Cli.run("plan", "--award", "scqf-pgcert", "--all-awards", "--catalogue", CATALOGUE, BEN);
        assertEquals(2, both.status());
        assertEquals("accrue plan: give --award ID or --all-awards, not both\n", both.err());

        Cli budget = Cli.run("plan", "--award", "scqf-pgcert", "--budget", "-5", "--catalogue", CATALOGUE, BEN);
        assertEquals(2, budget.status());
        assertEquals("accrue plan: --budget cannot be negative\n", budget.err());

        Path hourless = dir.resolve("hourless.catalogue.yaml");
        Files.writeString(hourless, "items:\n  - {id: a, title: T, cost: {amount: 10, currency: GBP}}\n");
        Cli hours = Cli.run("plan", "--award", "scqf-pgcert", "--minimise", "hours", "--catalogue",
                hourless.toString(), BEN);
        assertEquals(1, hours.status());
        assertEquals("accrue plan: " + hourless + ": item 'a' states no hours; planning by hours needs every item's "
                + "hours\n", hours.err());

        Cli swapped = Cli.run("plan", "--award", "scqf-pgcert", "--catalogue", BEN, CATALOGUE);
        assertEquals(1, swapped.status());
        assertTrue(swapped.err().contains("is a catalogue of items on offer, not a learner file"), swapped.err());
    }

    @Test
    void noPlanSaysWhichRequirementCannotBeMet(@TempDir Path dir) throws Exception {
        Path small = dir.resolve("catalogue.yaml");
        Files.writeString(small, "items:\n  - {id: a, title: Statistics, awardingBody: Uni, credit: {value: 15, system: SCQF},"
                + " level: {framework: SCQF, value: 11}, assessment: summative, qualityAssurance: external,"
                + " subjects: [statistics], cost: {amount: 900, currency: GBP}}\n");
        Path lea = REPO.resolve("samples/max-no-credit.yaml");
        Cli r = Cli.run("plan", "--award", "pgcert-data-science", "--catalogue", small.toString(), "--as-of",
                "2026-11-28", lea.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("No plan. no plan: even with everything the learner holds and every item on "
                + "offer, requirement 'core' needs 30 SCQF points and at most 0 can count toward it"), r.out());
    }

    @Test
    void whatIfShowsTheAwardsThatChange(@TempDir Path dir) throws Exception {
        Path add = dir.resolve("add.yaml");
        Files.writeString(add, "credentials:\n  - {id: X-1, title: Visual Analytics II, awardingBody: Uni, issued: 2026-10-01,"
                + " credit: {value: 15, system: SCQF}, level: {framework: SCQF, value: 11}, assessment: summative,"
                + " qualityAssurance: external, subjects: [data-science], route: taught}\n");
        Cli r = Cli.run("what-if", "--add", add.toString(), "--as-of", "2026-11-28", BEN);
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("Ben Okafor (L-0002), as of 2026-11-28, adding X-1:\n"), r.out());
        assertTrue(r.out().contains("Postgraduate Certificate in Data Science (pgcert-data-science): not eligible -> "
                + "eligible; counted 45 -> 60 SCQF points"), r.out());
        assertTrue(r.out().contains("  Masters degree (scqf-masters): not eligible -> not eligible; counted 45 -> 60 SCQF "
                + "points\n      still missing: 120 more SCQF points in all (have 60, need 180)\n"), r.out());

        Cli json = Cli.run("what-if", "--add", CATALOGUE, "--as-of", "2026-11-28", "--format", "json",
                "--award", "scqf-pgcert", BEN);
        assertEquals(0, json.status(), json.err());
        JsonNode w = JSON.readTree(json.out());
        assertTrue(w.get("added").size() >= 120);
        assertTrue(w.get("changes").get(0).get("eligibleAfter").asBoolean());

        Cli clash = Cli.run("what-if", "--add", BEN, BEN);
        assertEquals(1, clash.status());
        assertEquals("accrue what-if: credential 'BN-01' is already in the learner's record; what-if adds "
                + "credentials it does not hold\n", clash.err());
    }
}
