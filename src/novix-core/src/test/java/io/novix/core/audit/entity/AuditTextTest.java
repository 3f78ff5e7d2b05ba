package io.novix.core.audit.entity;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class AuditTextTest {

    @Test
    void cleanTextWithinTheLengthIsKeptAsItIs() {
        String s = "user:alice@bank.example";
        assertSame(s, AuditText.fit(s, 64), "nothing to replace: no copy");
        assertNull(AuditText.fit(null, 10));
    }

    @Test
    void controlCharactersAndLoneSurrogatesAreReplaced() {
        assertEquals("a\uFFFDb\uFFFDc", AuditText.fit("a\u0000b\nc", 64));
        assertEquals("x\uFFFDy", AuditText.fit("x\uD800y", 64));
    }

    @Test
    void textIsCutAtTheLengthInCodePointsAndPairsStayWhole() {
        assertEquals("abc", AuditText.fit("abcdef", 3));
        assertEquals("a\uD83D\uDE00b", AuditText.fit("a\uD83D\uDE00bc", 3), "an emoji counts once and is never split");
    }
}
