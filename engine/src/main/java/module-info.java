/**
 * Accrue's engine: the embedder's API is the exported packages, and nothing else (docs/architecture.md). The
 * rule set's compilation, evaluation and allocation search ({@code org.accrue.ruleset}, {@code evaluation},
 * {@code allocation}) stay inside.
 */
module org.accrue.engine {
    requires java.logging;
    requires org.kie.api;
    requires org.kie.internal.api;
    requires org.drools.compiler;
    requires org.drools.model.codegen;
    requires org.drools.decisiontables;
    requires org.drools.drl.parser;
    requires org.drools.drl.ast;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires com.fasterxml.jackson.dataformat.csv;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires com.fasterxml.jackson.module.blackbird;
    requires org.objectweb.asm;
    // trust: VC-JWT, Data Integrity over JSON-LD and RDF canonicalisation, multibase keys
    requires com.nimbusds.jose.jwt;
    requires jakarta.json;
    requires titanium.json.ld;
    requires titanium.rdf.api;
    requires titanium.rdfc;
    requires titanium.rdf.n.quads;
    requires copper.multibase;
    requires copper.multicodec;
    exports org.accrue;
    exports org.accrue.io;
    exports org.accrue.learner;
    exports org.accrue.reading;
    exports org.accrue.result;
    exports org.accrue.report;
    exports org.accrue.vocabulary;
    exports org.accrue.scenario;
    exports org.accrue.planning;
    exports org.accrue.trust;
    // results and the vocabulary are written as JSON by Jackson, which reads the records' accessors
    opens org.accrue.result to com.fasterxml.jackson.databind;
    opens org.accrue.vocabulary to com.fasterxml.jackson.databind;
    opens org.accrue.learner to com.fasterxml.jackson.databind;
    opens org.accrue.planning to com.fasterxml.jackson.databind;
}
