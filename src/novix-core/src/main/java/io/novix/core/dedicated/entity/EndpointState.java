package io.novix.core.dedicated.entity;

import java.util.Locale;

/** The states the Endpoints API reports ({@code status.state}), and what Novix may do in each. */
public enum EndpointState {
    PENDING, INITIALIZING, UPDATING, RUNNING, SCALED_TO_ZERO, PAUSED, FAILED, DELETED;

    /** {@code scaledToZero} → SCALED_TO_ZERO; anything unknown is PENDING (asked again at the next read). */
    public static EndpointState fromApi(String state) {
        if (state == null) {
            return PENDING;
        }
        String s = state.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        try {
            return valueOf(s);
        } catch (IllegalArgumentException e) {
            return PENDING;
        }
    }

    /** Calls may be routed to it: running, or scaled to zero (a call wakes it, X-Scale-Up-Timeout). */
    public boolean serves() {
        return this == RUNNING || this == SCALED_TO_ZERO;
    }
}
