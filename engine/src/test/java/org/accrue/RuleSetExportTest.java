package org.accrue;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A rule set exported as bytes and imported elsewhere (as a Spark executor does) is the same rule set, checked. */
class RuleSetExportTest {
    @Test
    void anImportedRuleSetIsTheSameRuleSetAndEvaluatesTheSame() throws Exception {
        RuleSet rules = DefaultRules.get();
        byte[] exported = rules.export();
        RuleSet imported = RuleSet.imported(exported);
        assertEquals(rules.id(), imported.id());
        assertEquals(rules.awards(), imported.awards());
        var learner = GeneratedLearners.learner(new java.util.Random(3));
        LocalDate asOf = LocalDate.of(2026, 11, 28);
        assertEquals(rules.evaluate(learner, asOf), imported.evaluate(learner, asOf));
    }

    @Test
    void alteredBytesAreRefusedWithTheReason() throws Exception {
        byte[] exported = DefaultRules.get().export();
        assertThrows(RuleSetException.class, () -> RuleSet.imported(Arrays.copyOf(exported, 10)));
        assertThrows(RuleSetException.class, () -> RuleSet.imported("not a rule set".getBytes()));
        // a rule file changed after export: its files no longer hash to the id
        byte[] altered = exported.clone();
        int at = indexOf(altered, "package accrue".getBytes());
        altered[at] = 'P';
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSet.imported(altered));
        assertTrue(e.getMessage().contains("do not hash to its id"), e.getMessage());
        // the compiled module changed: it no longer embeds the files, or its code no longer checks
        byte[] module = exported.clone();
        module[module.length * 3 / 4] ^= 0x5a;
        assertThrows(RuleSetException.class, () -> RuleSet.imported(module));
    }

    private static int indexOf(byte[] in, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= in.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (in[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("not found");
    }
}
