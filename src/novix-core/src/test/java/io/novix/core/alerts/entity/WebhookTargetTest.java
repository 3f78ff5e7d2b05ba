package io.novix.core.alerts.entity;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A tenant admin's webhook URL never reaches the platform's own network unless the operator allows it. */
class WebhookTargetTest {

    @Test
    void privateLoopbackLinkLocalAndPlainHttpAreRefusedByDefault() {
        for (String url : List.of("https://127.0.0.1/x", "https://localhost/x", "https://10.1.2.3/x", "https://192.168.0.1/x",
                "https://[::1]/x", "https://[fd00::1]/x", "https://169.254.169.254/latest", "https://2130706433/x",
                "http://hooks.example.com/x", "https://u:p@hooks.example.com/x", "ftp://hooks.example.com/x", "hooks.example.com")) {
            assertThrows(IllegalArgumentException.class, () -> WebhookTarget.check(url, false), url);
        }
        assertEquals("https://hooks.example.com/x", WebhookTarget.check("https://hooks.example.com/x", false).toString());
    }

    @Test
    void aClosedNetworkMayAllowPrivateTargetsButNeverMetadata() {
        assertEquals("http://127.0.0.1:8080/x", WebhookTarget.check("http://127.0.0.1:8080/x", true).toString());
        assertThrows(IllegalArgumentException.class, () -> WebhookTarget.check("http://169.254.169.254/latest", true));
    }

    @Test
    void thresholdsAreAscendingPercentages() {
        assertEquals("50,80,100", Thresholds.DEFAULT.stored());
        assertEquals(List.of(10, 90), Thresholds.parse("10,90").percents());
        for (List<Integer> bad : List.of(List.<Integer>of(), List.of(80, 50), List.of(0), List.of(101), List.of(50, 50))) {
            assertThrows(IllegalArgumentException.class, () -> new Thresholds(bad), bad.toString());
        }
    }
}
