package io.novix.core.alerts.entity;

import java.util.ArrayList;
import java.util.List;

/** The budget percentages a tenant is alerted at: 1 to 100, ascending, at most ten (default 50, 80, 100). */
public record Thresholds(List<Integer> percents) {

    public static final Thresholds DEFAULT = new Thresholds(List.of(50, 80, 100));

    public Thresholds {
        percents = List.copyOf(percents);
        if (percents.isEmpty() || percents.size() > 10) {
            throw new IllegalArgumentException("'thresholds' holds one to ten percentages");
        }
        int last = 0;
        for (int p : percents) {
            if (p < 1 || p > 100 || p <= last) {
                throw new IllegalArgumentException("'thresholds' are percentages from 1 to 100, ascending, each once");
            }
            last = p;
        }
    }

    /** As stored: {@code 50,80,100}. */
    public static Thresholds parse(String stored) {
        List<Integer> all = new ArrayList<>();
        for (String p : stored.split(",")) {
            all.add(Integer.parseInt(p.strip()));
        }
        return new Thresholds(all);
    }

    public String stored() {
        return String.join(",", percents.stream().map(String::valueOf).toList());
    }
}
