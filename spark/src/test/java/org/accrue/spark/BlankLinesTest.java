package org.accrue.spark;

import org.apache.hadoop.io.Text;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A line is a record unless it is blank, judged on its bytes exactly as {@link String#isBlank} judges its text. */
class BlankLinesTest {
    @Test
    void aLineIsBlankExactlyWhenItsTextIs() {
        List<String> lines = new ArrayList<>(List.of("", " ", "\t \u000B\f\r", "\u001C\u001F", "\u2003", " \u3000 ",
                "\u00A0", " {", "{}", "é", " \u2003x", "\u0085", "\u200B", "\uFEFF"));
        Random random = new Random(7);
        String alphabet = " \t\u2003\u00A0\u3000x{é\u001Fñ\u2028";
        for (int n = 0; n < 2_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(5); k > 0; k--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            lines.add(b.toString());
        }
        int blank = 0;
        for (String line : lines) {
            assertEquals(line.isBlank(), AccrueSpark.blank(new Text(line)), () -> "'" + line + "'");
            blank += line.isBlank() ? 1 : 0;
        }
        assertEquals(true, blank > 100 && blank < lines.size() - 100, "both kinds drawn: " + blank);
    }
}
