package it.novix;

import io.novix.launcher.NovixStack;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bad HF_* value stops the application from starting, with a message naming the variable. */
class BadConfigIT {

    @Test
    void invalidMaxTokensFailsStartUpNamingTheVariable() {
        Map<String, String> env = Stacks.testEnv();
        env.put("HF_MAX_TOKENS", "lots");
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> {
            try (NovixStack stack = Stacks.create("bad-config", env)) {
                stack.start();
            }
        });
        assertTrue(failure.getMessage().contains("HF_MAX_TOKENS"), failure.getMessage());
        assertTrue(failure.getMessage().contains("must be an integer"), failure.getMessage());
    }
}
