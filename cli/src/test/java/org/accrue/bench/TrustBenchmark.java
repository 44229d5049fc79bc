package org.accrue.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.accrue.RuleSet;
import org.accrue.learner.LearnerRecord;
import org.accrue.reading.LearnerFiles;
import org.accrue.trust.Signer;
import org.accrue.trust.Trust;
import org.accrue.trust.TrustList;
import org.accrue.trust.Verifier;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

/**
 * What verifying signed credentials costs, as rows of bench/run's table: one Open Badge checked with an
 * eddsa-rdfc-2022 proof (JSON-LD expansion, RDF canonicalisation, Ed25519) and as a VC-JWT, and a learner of one
 * signed badge evaluated against a trust list beside the same badge unsigned, in one process, microseconds per call over many calls
 * after a warm-up (what a service pays per badge).
 */
public final class TrustBenchmark {
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("accrue-trust-bench");
        Path key = dir.resolve("key.jwk");
        Files.writeString(key, Signer.generate().privateJwk());
        Signer signer = Signer.read(key);
        ObjectNode vc = (ObjectNode) JSON.readTree(Path.of("samples/formats/open-badge-ob3.json").toFile());
        vc.with("issuer").put("id", signer.issuer());
        String jwt = signer.signJwt(vc.toString());
        String badge = signer.sign(vc.toString(), "2026-11-30T08:00:00Z");
        Files.writeString(dir.resolve("trust.yaml"), "issuers:\n  - id: " + signer.issuer() + "\n    name: Bench\n");
        TrustList list = TrustList.read(dir.resolve("trust.yaml"));
        Verifier verifier = new Verifier(list);
        if (!verifier.verify(badge, AS_OF).verified() || !verifier.verify(jwt, AS_OF).verified()) {
            throw new IllegalStateException("the benchmark's badges do not verify");
        }
        double di = micros(() -> verifier.verify(badge, AS_OF), 2_000);
        double vcJwt = micros(() -> verifier.verify(jwt, AS_OF), 5_000);
        RuleSet rules = RuleSet.loadDefault();
        RuleSet trusting = rules.withTrust(Trust.of(list, true));
        LearnerRecord learner = LearnerFiles.parseAny(badge, "bench.json", true);
        LearnerRecord unsigned = LearnerFiles.read(Path.of("samples/formats/open-badge-ob3.json"));
        double plain = micros(() -> rules.evaluate(unsigned, AS_OF), 2_000);
        double verified = micros(() -> trusting.evaluate(learner, AS_OF), 2_000);
        System.out.printf(Locale.ROOT, "| verify one Open Badge, eddsa-rdfc-2022 (JSON-LD, RDFC-1.0, Ed25519), us | "
                + "%.0f | %.1f of VC-JWT |%n", di, di / vcJwt);
        System.out.printf(Locale.ROOT, "| verify one Open Badge as a VC-JWT (EdDSA), us | %.0f | |%n", vcJwt);
        System.out.printf(Locale.ROOT, "| evaluate a learner of one signed badge, --trust --require-verified, us | %.0f "
                + "| %.1f of the same badge unsigned (%.0f us) |%n", verified, verified / plain, plain);
    }

    private static double micros(java.util.function.Supplier<Object> run, int calls) {
        for (int i = 0; i < calls / 2; i++) {
            run.get();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            run.get();
        }
        return (System.nanoTime() - t0) / 1e3 / calls;
    }
}
