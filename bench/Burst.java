import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/**
 * Sends N chat completions at the same moment (N connections, HTTP/1.1) and reports how long the
 * whole burst and each call took: {@code java bench/Burst.java <url> <n> [token]}.
 * Prints one line: "wall_ms ok failed p50_ms p99_ms max_ms mean_ms".
 */
public class Burst {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        int n = Integer.parseInt(args[1]);
        String token = args.length > 2 ? args[2] : "";
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(30)).build();
        String body = "{\"model\":\"HuggingFaceH4/zephyr-7b-beta\",\"max_tokens\":16,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"burst\"}]}";
        List<CompletableFuture<long[]>> calls = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url + "/v1/chat/completions"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (!token.isEmpty()) {
                r.header("Authorization", "Bearer " + token);
            }
            long sent = System.nanoTime();
            calls.add(http.sendAsync(r.build(), HttpResponse.BodyHandlers.discarding())
                    .handle((resp, err) -> new long[] {err == null ? resp.statusCode() : 0, System.nanoTime() - sent}));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        long wall = (System.nanoTime() - start) / 1_000_000;
        long[] ms = calls.stream().mapToLong(c -> c.join()[1] / 1_000_000).sorted().toArray();
        long ok = calls.stream().filter(c -> c.join()[0] == 200).count();
        long mean = Math.round(Arrays.stream(ms).average().orElse(0));
        System.out.printf("%d %d %d %d %d %d %d%n", wall, ok, n - ok, ms[ms.length / 2], ms[(int) (ms.length * 0.99) - 1],
                ms[ms.length - 1], mean);
        System.exit(0);
    }
}
