package io.novix.core.platform.control;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransportCheckTest {

    @Test
    void productionNeedsAKeystoreUnlessPlainHttpIsAllowed() {
        assertTrue(TransportCheck.problem(false, false, false).contains("NOVIX_TLS_KEYSTORE"));
        assertNull(TransportCheck.problem(false, false, true), "behind a TLS-terminating proxy, explicitly");
        assertNull(TransportCheck.problem(true, true, false));
        assertNotNull(TransportCheck.problem(true, false, false), "a keystore without its password");
    }
}
