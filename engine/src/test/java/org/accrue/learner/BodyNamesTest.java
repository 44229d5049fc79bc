package org.accrue.learner;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Awarding bodies compared without making keys: the same answer as comparing their keys, for any two names. */
class BodyNamesTest {
    @Test
    void namesCompareCaseAndSpacingAside() {
        assertTrue(Credential.sameBody("University of Glasgow", "  university   OF glasgow "));
        assertTrue(Credential.sameBody("TU\tDelft", "tu delft"));
        assertFalse(Credential.sameBody("TU Delft", "TUDelft"));
        assertFalse(Credential.sameBody("TU Delft", "TU Delft2"));
        assertFalse(Credential.sameBody("", "a"));
        assertTrue(Credential.sameBody("Universität Bremen", "UNIVERSITÄT  bremen"), "beyond ASCII, by the keys");
    }

    @Test
    void comparingIsComparingTheKeys() {
        Random random = new Random(7);
        String alphabet = "aAbB \t\n\u000B\f\r\u001Cé-";
        for (int i = 0; i < 200_000; i++) {
            String a = draw(random, alphabet);
            String b = random.nextInt(3) == 0 ? a.toUpperCase() : draw(random, alphabet);
            assertEquals(Credential.bodyKey(a).equals(Credential.bodyKey(b)), Credential.sameBody(a, b),
                    "'" + a + "' and '" + b + "'");
        }
    }

    private static String draw(Random random, String alphabet) {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            // mostly ASCII, so the comparison without keys is the one tested
            char c = alphabet.charAt(random.nextInt(random.nextInt(8) == 0 ? alphabet.length() : alphabet.length() - 1));
            s.append(c);
        }
        return s.toString();
    }
}
