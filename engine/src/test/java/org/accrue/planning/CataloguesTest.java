package org.accrue.planning;

import org.accrue.learner.CreditSystem;
import org.accrue.learner.Route;
import org.accrue.reading.Catalogues;
import org.accrue.reading.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading catalogues: the shipped sample, the CSV form, and a one-line error at the field for each kind of bad item. */
class CataloguesTest {
    static final Path SAMPLE = Path.of(System.getProperty("accrue.repo", "..")).resolve("samples/catalogue.yaml");

    static final String ITEM = "  - {id: %s, title: Course, awardingBody: Uni, country: GB-SCT, credit: {value: 15, system: SCQF},"
            + " level: {framework: SCQF, value: 11}, hours: 150, assessment: summative, qualityAssurance: external,"
            + " subjects: [data-science], cost: {amount: 900, currency: GBP}%s}\n";

    static Catalogue yaml(String text) throws InvalidInputException {
        return Catalogues.parse(text, "c.yaml", "yaml");
    }

    static String item(String id, String extra) {
        return ITEM.formatted(id, extra);
    }

    @Test
    void theSampleCatalogueIsLargeAndVaried() throws Exception {
        Catalogue c = Catalogues.read(SAMPLE);
        assertTrue(c.items().size() >= 120, c.items().size() + " items");
        Set<String> providers = c.items().stream().map(i -> i.credential().awardingBody()).collect(Collectors.toSet());
        assertTrue(providers.size() >= 15, providers.size() + " providers");
        Set<String> countries = c.items().stream().map(i -> i.credential().country().substring(0, 2))
                .collect(Collectors.toSet());
        assertTrue(countries.size() >= 5, countries + "");
        Set<CreditSystem> systems = c.items().stream().map(i -> i.credential().credit().system()).collect(Collectors.toSet());
        assertEquals(Set.of(CreditSystem.SCQF, CreditSystem.ECTS, CreditSystem.FHEQ), systems);
        assertEquals("GBP", c.currency());
        assertTrue(c.items().stream().anyMatch(i -> !i.prerequisites().isEmpty()));
        // euro prices are converted at the stated rate, to the cent
        CatalogueItem euro = c.items().stream().filter(i -> i.cost().currency().equals("EUR")).findFirst().orElseThrow();
        assertEquals(euro.cost().amount().multiply(new BigDecimal("0.86")).setScale(2, java.math.RoundingMode.HALF_EVEN),
                euro.price());
    }

    @Test
    void anItemIsACredentialTaughtUnlessItSaysOtherwise() throws Exception {
        Catalogue c = yaml("currency: GBP\nitems:\n" + item("a", "") + item("b", ", route: transfer, mode: online,"
                + " weeks: 10, starts: [2027-01-18, 2026-09-21], prerequisites: [a]"));
        CatalogueItem a = c.item("a").orElseThrow();
        CatalogueItem b = c.item("b").orElseThrow();
        assertEquals(Route.TAUGHT, a.credential().route());
        assertEquals(Route.TRANSFER, b.credential().route());
        assertEquals(org.accrue.learner.Participation.ONLINE, b.credential().participation());
        assertEquals(List.of("a"), b.prerequisites());
        assertEquals(10, b.weeks());
        // still offered on 2027-01-18 (a start on that day), not after it
        assertTrue(b.offeredOn(LocalDate.of(2027, 1, 18)));
        assertFalse(b.offeredOn(LocalDate.of(2027, 1, 19)));
        assertTrue(a.offeredOn(LocalDate.of(2030, 1, 1)));
        assertEquals(LocalDate.of(2026, 11, 28), b.credentialOn(LocalDate.of(2026, 11, 28)).issued());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiterString = " => ", value = {
            "currency: GBP\\nitems:\\n  - {id: a, title: T, credit: {value: 15, system: SCQF}}\\n => items[0].cost: is missing; expected {amount: ..., currency: ...}",
            "items:\\n  - {id: a, title: T, cost: {amount: 10, currency: pounds}}\\n => items[0].cost.currency: 'POUNDS' is not an ISO 4217 currency code (GBP, EUR)",
            "items:\\n  - {id: a, title: T, cost: {amount: -10, currency: GBP}}\\n => items[0].cost.amount: -10 is negative",
            "currency: GBP\\nitems:\\n  - {id: a, title: T, cost: {amount: 10, currency: EUR}}\\n => items[0].cost.currency: 'EUR' is not the catalogue's GBP and 'rates' gives no rate for it",
            "items:\\n  - {id: a, title: T, issued: 2025-01-01, cost: {amount: 10, currency: GBP}}\\n => items[0].issued: is not a catalogue field: a planned credential is issued on the plan's date, ungraded and on its own",
            "items:\\n  - {id: a, title: T, cost: {amount: 10, currency: GBP}}\\n  - {id: a, title: U, cost: {amount: 10, currency: GBP}}\\n => items[1].id: duplicate item id 'a' (first used by items[0])",
            "items:\\n  - {id: a, title: T, cost: {amount: 10, currency: GBP}, prerequisites: [a]}\\n => items[0].prerequisites[0]: an item cannot be its own prerequisite",
            "items:\\n  - {id: a, title: T, cost: {amount: 10, currency: GBP}, prerequisites: [b]}\\n  - {id: b, title: T, cost: {amount: 10, currency: GBP}, prerequisites: [a]}\\n => items[0].prerequisites: is a cycle: a needs b needs a",
            "items:\\n  - {id: a, title: T, cost: {amount: 10, currency: GBP}, weeks: 0}\\n => items[0].weeks: is 0; a course runs for at least a week",
            "items:\\n  - {id: a, title: T, cost: {amount: 10, currency: GBP}, starts: [next week]}\\n => items[0].starts[0]: 'next week' is not a date (YYYY-MM-DD)",
            "items:\\n  - {id: a, title: T, cost: {amount: 10, currency: GBP}, mode: by post}\\n => items[0].mode: unknown value 'by post'; expected one of online | onsite | blended",
            "items:\\n  - {id: a, title: T, cost: {amount: 10, currency: GBP}, level: {framework: SCQF, value: 13}}\\n => items[0].level.value: 13 is outside SCQF levels 1-12",
            "items: []\\n => items: is empty; a catalogue offers at least one item",
            "learner: {id: x}\\n => learner: unknown field; expected one of currency, items, name, rates"})
    void aBadCatalogueIsOneLineAtTheField(String text, String expected) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> yaml(text.replace("\\n", "\n")));
        assertEquals("c.yaml: " + expected, e.getMessage());
    }

    @Test
    void theCsvFormReadsAsTheYamlFormDoes() throws Exception {
        String csv = String.join(",", Catalogues.CSV_COLUMNS) + "\n"
                + "a,A1,Data,Uni,GB-SCT,15,SCQF,SCQF,11,150,summative,online,external,true,data-science;statistics,"
                + "Build a model,,900,GBP,10,2027-01-18,online,\n"
                + "b,,Stats,Uni,NL,7.5,ECTS,EQF,7,200,summative,,external,true,statistics,,transfer,800,GBP,,,,a\n";
        Catalogue c = Catalogues.parse(csv, "c.csv", "csv");
        assertEquals(2, c.items().size());
        CatalogueItem a = c.item("a").orElseThrow();
        assertEquals(List.of("data-science", "statistics"), a.credential().subjects());
        assertEquals(new BigDecimal("900.00"), a.price());
        assertEquals(List.of(LocalDate.of(2027, 1, 18)), a.starts());
        assertEquals(List.of("a"), c.item("b").orElseThrow().prerequisites());
        assertEquals(Route.TRANSFER, c.item("b").orElseThrow().credential().route());
    }

    @Test
    void theShippedCsvTemplateReads() throws Exception {
        Catalogue c = Catalogues.read(SAMPLE.resolveSibling("formats/template.catalogue.csv"));
        assertEquals(List.of("uf-stat901", "uf-stat1147", "pu-ds7010"), c.items().stream().map(CatalogueItem::id).toList());
        assertEquals(List.of("uf-stat901"), c.item("uf-stat1147").orElseThrow().prerequisites());
        assertEquals(CreditSystem.FHEQ, c.item("pu-ds7010").orElseThrow().credential().credit().system());
    }

    @Test
    void aBadCsvRowIsNamedByLineAndColumn() {
        String csv = "id,title,creditValue,creditSystem,costAmount,costCurrency\n"
                + "a,Data,15,SCQF,900,GBP\n"
                + "b,Stats,lots,SCQF,900,GBP\n";
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Catalogues.parse(csv, "c.csv", "csv"));
        assertEquals("c.csv: line 3, column creditValue: 'lots' is not a number", e.getMessage());
        InvalidInputException unknown = assertThrows(InvalidInputException.class,
                () -> Catalogues.parse("id,title,price\na,T,9\n", "c.csv", "csv"));
        assertTrue(unknown.getMessage().startsWith("c.csv: line 1, column price: unknown column"), unknown.getMessage());
    }

    @Test
    void aCatalogueGivenAsALearnerFileSaysWhatItIs() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> org.accrue.reading.LearnerFiles.read(SAMPLE));
        assertTrue(e.getMessage().endsWith("file: is a catalogue of items on offer, not a learner file; give it to "
                + "'accrue plan --catalogue'"), e.getMessage());
        assertFalse(org.accrue.reading.LearnerFiles.isLearnerFileName(SAMPLE));
        assertFalse(org.accrue.reading.LearnerFiles.isLearnerFileName(Path.of("x/2026.catalogue.csv")));
        assertTrue(org.accrue.reading.LearnerFiles.isLearnerFileName(Path.of("x/catalogues-of-amy.yaml")));
    }
}
