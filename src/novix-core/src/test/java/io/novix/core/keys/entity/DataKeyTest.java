package io.novix.core.keys.entity;

import io.novix.core.kernel.AesGcm;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Hardening class 10: envelope encryption — data keys wrapped by a KEK, bound to their place, re-wrappable. */
class DataKeyTest {

    private static final String SECRET = "kek-" + "s".repeat(40);

    @Test
    void aWrappedKeyOpensOnlyUnderItsKekAndInItsOwnRow() throws Exception {
        Kek kek = Kek.fromSecret(SECRET);
        SecretKey key = DataKey.newKey();
        UUID tenant = UUID.randomUUID();
        DataKey row = new DataKey(tenant, 1, key, kek, Instant.now());
        assertArrayEquals(key.getEncoded(), row.unwrap(kek).getEncoded());
        assertThrows(GeneralSecurityException.class, () -> row.unwrap(Kek.fromSecret("other-" + "s".repeat(40))));
        // the same wrapped bytes presented as another tenant's key do not open
        DataKey moved = new DataKey(UUID.randomUUID(), 1, key, kek, Instant.now());
        assertNotEquals(tenant, moved.tenantId());
        assertEquals(kek.id(), row.kekId());
    }

    @Test
    void rewrappingChangesTheKekNotTheDataKey() throws Exception {
        Kek old = Kek.fromSecret(SECRET);
        Kek next = Kek.fromSecret("next-" + "n".repeat(40));
        SecretKey key = DataKey.newKey();
        DataKey row = new DataKey(UUID.randomUUID(), 3, key, old, Instant.now());
        byte[] sealed = AesGcm.seal(key, "before/after".getBytes(StandardCharsets.UTF_8), "row-1".getBytes(StandardCharsets.UTF_8));
        row.rewrap(old, next, Instant.now());
        assertEquals(next.id(), row.kekId());
        assertThrows(GeneralSecurityException.class, () -> row.unwrap(old));
        SecretKey same = row.unwrap(next);
        assertEquals("before/after", new String(AesGcm.open(same, sealed, "row-1".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
        assertThrows(GeneralSecurityException.class, () -> AesGcm.open(same, sealed, "row-2".getBytes(StandardCharsets.UTF_8)),
                "a sealed value moved to another row does not open");
    }

    @Test
    void theKekIdIsAFingerprintNotTheKeyAndSecretsAreLongEnough() {
        assertEquals(Kek.fromSecret(SECRET).id(), Kek.fromSecret(SECRET).id());
        assertNotEquals(Kek.fromSecret(SECRET).id(), Kek.fromSecret(SECRET + "x").id());
        assertEquals(16, Kek.fromSecret(SECRET).id().length());
        assertThrows(IllegalArgumentException.class, () -> Kek.fromSecret("short"));
    }
}
