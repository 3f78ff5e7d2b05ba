import io.novix.core.modelroute.entity.Complexity;
import io.novix.core.modelroute.entity.ModelRoute;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 13 bench: cost per 1,000 calls with adaptive routing (the default "auto" route) against
 * always the large model, over a mixed prompt set, at the price table's seeded rates.
 *   java -cp src/novix-core/target/classes bench/RoutingCost.java <prompts.tsv> <V016 migration> <output tokens> <small share>
 * The prompts are weighted so that those labelled "small" make {@code small share} of the calls.
 * Prints: prompts routedSmallShare routedUsdPer1000 largeUsdPer1000 saving%
 */
public class RoutingCost {
    public static void main(String[] args) throws Exception {
        List<String[]> rows = Files.readAllLines(Path.of(args[0])).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\t", 2)).toList();
        double share = Double.parseDouble(args[3]);
        long smallLabelled = rows.stream().filter(r -> r[0].equals("small")).count();
        Map<String, BigDecimal[]> prices = new HashMap<>(); // model -> {input per 1K, output per 1K}
        Matcher m = Pattern.compile("\\('([^']+)',\\s*([0-9.]+),\\s*([0-9.]+),").matcher(Files.readString(Path.of(args[1])));
        while (m.find()) {
            prices.put(m.group(1), new BigDecimal[]{new BigDecimal(m.group(2)), new BigDecimal(m.group(3))});
        }
        long out = Long.parseLong(args[2]);
        ModelRoute route = ModelRoute.DEFAULT;
        double routed = 0;
        double large = 0;
        double small = 0;
        for (String[] row : rows) {
            String p = row[1].replace("\\n", "\n");
            double weight = row[0].equals("small") ? share / smallLabelled : (1 - share) / (rows.size() - smallLabelled);
            ModelRoute.Decision d = route.decide(Complexity.of(p), null, model -> prices.get(model)[1]);
            long in = 4 + (p.length() + 3) / 4; // TokenEstimate, plus a message's framing
            routed += weight * cost(prices.get(d.model()), in, out).doubleValue();
            large += weight * cost(prices.get(route.largeModel()), in, out).doubleValue();
            small += d.model().equals(route.smallModel()) ? weight : 0;
        }
        System.out.printf("%d %.2f %.4f %.4f %.1f%n", rows.size(), small, 1000 * routed, 1000 * large, 100 * (1 - routed / large));
    }

    private static BigDecimal cost(BigDecimal[] price, long in, long out) {
        return price[0].multiply(BigDecimal.valueOf(in)).add(price[1].multiply(BigDecimal.valueOf(out))).divide(BigDecimal.valueOf(1000));
    }
}
