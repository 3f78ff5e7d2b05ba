package it.novix;

import io.novix.launcher.FreePorts;
import io.novix.launcher.NovixStack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Builds Novix stacks for system tests: each with its own home (PostgreSQL data, logs) and free port. */
final class Stacks {

    static final String HF_KEY = "hf_system_test_key_0123";
    private static NovixStack shared;

    private Stacks() {
    }

    static Map<String, String> testEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("HF_API_KEY", HF_KEY);              // the simulator demands it: proves the key is forwarded
        env.put("HF_MAX_RETRIES", "2");
        env.put("NOVIX_UPSTREAM_BACKOFF_BASE", "PT0.02S");
        env.put("NOVIX_UPSTREAM_BACKOFF_MAX", "PT0.5S");
        env.put("NOVIX_TOKEN_CACHE_TTL", "PT0S");   // tests change token rows with SQL and expect it seen at once
        env.put("NOVIX_UPSTREAM_READ_TIMEOUT", "PT2S"); // the hang fault proves the read timeout without a 30 s wait
        env.put("NOVIX_BULKHEAD_STANDARD", "2");      // BulkheadIT fills a Standard tenant's bulkhead with two held streams
        env.put("NOVIX_THROTTLE_ADDRESS_BURST", "1000000"); // every test calls from loopback; ThrottleIT has its own stack
        env.put("NOVIX_THROTTLE_TENANT_BURST", "1000000");
        env.put("NOVIX_WEBHOOK_ALLOW_PRIVATE", "true"); // BudgetAlertIT's receiver listens on loopback
        env.put("NOVIX_BUDGET_ALERT_INTERVAL", "PT0.2S");
        env.put("NOVIX_WEBHOOK_BACKOFF", "PT0.2S");
        env.put("NOVIX_SLA_ROLLUP_INTERVAL", "PT0.3S"); // PolicyIT reads a tenant's SLA moments after its calls
        env.put("NOVIX_SLA_SETTLE", "PT0.5S");
        env.put("NOVIX_AUDIT_CHECKPOINT_INTERVAL", "PT0.5S"); // AuditIntegrityIT waits for a signed checkpoint
        // tests read a call's outcome entry right after its answer: every answer waits for it (the stricter operator
        // setting); WriteAheadIT runs the default, where only the admission entry is waited for
        env.put("NOVIX_AUDIT_AWAIT_OUTCOME", "always");
        // BatchingIT's 48 callers reach the batcher spread over 100 ms and more on a loaded 2-core CI machine (each
        // passes auth, policy and limits first): a 50 ms window still gathers them into a few batches there
        env.put("NOVIX_BATCH_WINDOW", "PT0.05S");
        return env;
    }

    static NovixStack create(String name, Map<String, String> env) {
        Path home = Path.of(System.getProperty("novix.test.home", "target/it-home")).resolve(name).toAbsolutePath();
        return new NovixStack(new NovixStack.Options(Path.of(System.getProperty("novix.wlp.dir")),
                System.getProperty("novix.server.name", "novix"), home, FreePorts.pick(), env));
    }

    /** One running stack shared by the test classes that do not restart or misconfigure it. */
    static synchronized NovixStack shared() throws Exception {
        if (shared == null) {
            NovixStack stack = create("shared", testEnv());
            stack.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    stack.close();
                } catch (Exception ignored) {
                    // the JVM is going away
                }
            }));
            shared = stack;
        }
        return shared;
    }
}
