package io.novix.core.inference.control;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The alert rules operators load into Prometheus (docs/alerts) are valid and fire on the series they
 * are meant for: {@code promtool check rules} and {@code promtool test rules} (Debian's prometheus
 * package; .ci/run installs it). The metric names they use are those this code publishes.
 */
class AlertRulesTest {

    private static final Path ALERTS = Path.of("../../docs/alerts").toAbsolutePath().normalize();

    @Test
    void theRulesAreValidAndTheirUnitTestsPass() throws Exception {
        assertEquals(0, promtool(List.of("promtool", "check", "rules", "novix.rules.yml")));
        assertEquals(0, promtool(List.of("promtool", "test", "rules", "novix.rules.test.yml")));
    }

    @Test
    void everyMetricTheRulesReadIsOneNovixPublishes() throws IOException {
        String rules = Files.readString(ALERTS.resolve("novix.rules.yml"));
        for (String metric : List.of("novix_cost_microusd_total", "novix_tenant_error_budget_remaining", "novix_requests_total",
                "novix_breaker_state", "novix_audit_queued", "novix_audit_lost", "novix_siem_delivery_age_seconds",
                "novix_cache_refresh_failures", "novix_cache_refresh_late")) {
            assertTrue(rules.contains(metric), metric);
        }
        String published = Files.readString(Path.of("src/main/java/io/novix/core/inference/control/RequestMetrics.java"))
                + Files.readString(Path.of("src/main/java/io/novix/core/siem/boundary/SiemForwarder.java"))
                + Files.readString(Path.of("src/main/java/io/novix/core/audit/control/AuditWriter.java"))
                + Files.readString(Path.of("src/main/java/io/novix/core/routing/control/Breakers.java"))
                + Files.readString(Path.of("src/main/java/io/novix/core/audit/boundary/ServiceLevelRollup.java"))
                + Files.readString(Path.of("src/main/java/io/novix/core/kernel/CacheGauges.java"));
        for (String name : List.of("novix.cost.microusd", "novix.tenant.error.budget.remaining", "novix.requests", "novix.breaker.state",
                "novix.audit.queued", "novix.audit.lost", "novix.siem.delivery.age.seconds", "novix.cache.refresh.failures",
                "novix.cache.refresh.late")) {
            assertTrue(published.contains("\"" + name + "\""), "published: " + name);
        }
    }

    private static int promtool(List<String> command) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(ALERTS.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool is not installed (apt-get install prometheus; .ci/run does it)", e);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            System.out.println(out);
        }
        return p.exitValue();
    }
}
