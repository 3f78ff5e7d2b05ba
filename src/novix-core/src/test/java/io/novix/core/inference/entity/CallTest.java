package io.novix.core.inference.entity;

import io.novix.core.identity.entity.Caller;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallTest {

    private final Caller caller = Caller.platformAdmin("p");

    @Test
    void stagesOnlyMoveForward() {
        Call call = Call.received("inference.chat", "/v1/chat/completions", "r1");
        call.authenticated(caller);
        call.authorised();
        call.admitted();
        assertThrows(IllegalStateException.class, call::authorised, "a call cannot be authorised again after admission");
        call.routed();
        call.streaming();
        assertEquals(Call.Stage.STREAMING, call.stage());
        assertThrows(IllegalStateException.class, call::answered);
    }

    @Test
    void everyPermitIsGivenBackOnceLastTakenFirst() {
        Call call = Call.received("inference.chat", "/v1/chat/completions", "r2");
        List<String> released = new ArrayList<>();
        call.hold(() -> released.add("bulkhead"));
        call.hold(() -> released.add("budget"));
        assertTrue(call.settle());
        assertFalse(call.settle(), "a call is settled once");
        assertEquals(List.of("budget", "bulkhead"), released);
        call.hold(() -> released.add("late"));
        assertEquals(List.of("budget", "bulkhead", "late"), released, "a permit taken after settling is given back at once");
        assertThrows(IllegalStateException.class, call::routed, "nothing moves a settled call");
    }

    @Test
    void oneFailingReleaseDoesNotKeepTheOthers() {
        Call call = Call.received("inference.chat", "/v1/chat/completions", "r3");
        List<String> released = new ArrayList<>();
        call.hold(() -> released.add("bulkhead"));
        call.hold(() -> {
            throw new IllegalStateException("broken release");
        });
        assertThrows(IllegalStateException.class, call::settle);
        assertEquals(List.of("bulkhead"), released);
        assertEquals(Call.Stage.SETTLED, call.stage());
    }
}
