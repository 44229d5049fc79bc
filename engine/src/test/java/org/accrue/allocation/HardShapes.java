package org.accrue.allocation;

import org.accrue.allocation.Allocator.Candidate;
import org.accrue.allocation.Allocator.LevelNeed;
import org.accrue.allocation.Allocator.Problem;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The allocation the adversarial review hung the search with: {@code pgcert-data-science} (core 30, methods 15,
 * 60 in all, 40 at SCQF 11, at most 30 by RPL or transfer) and n credentials all by RPL, each able to count
 * toward core, methods or as general credit, at SCQF 11, with two-decimal points (5.00 to 15.99).
 */
public final class HardShapes {
    private HardShapes() {
    }

    public static Problem review(int n, long seed) {
        return review(n, seed, 30);
    }

    /** The same with another cap on RPL and transfer credit: at 60 or more, eligible when the credit allows. */
    public static Problem review(int n, long seed, int cap) {
        Random r = new Random(seed);
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BigDecimal points = BigDecimal.valueOf(500 + r.nextInt(1100), 2);
            candidates.add(new Candidate(String.format("RPL-%05d", i), points, 11,
                    List.of(0, 1, Allocator.GENERAL), List.of(0)));
        }
        return new Problem(List.of(BigDecimal.valueOf(30), BigDecimal.valueOf(15)), List.of(0, 0),
                BigDecimal.valueOf(60), List.of(new LevelNeed(11, BigDecimal.valueOf(40))),
                List.of(BigDecimal.valueOf(cap)), candidates);
    }
}
