package io.novix.core.audit.entity;

public enum Outcome {
    /** the action was carried out */
    SUCCESS,
    /** authentication or authorisation refused the action */
    DENIED,
    /** the action was allowed but failed (bad input, upstream error) */
    FAILED,
    /** the caller went away before the answer was complete (a stream cut by the client) */
    CANCELLED,
    /** an admission entry: the call passed every check and goes upstream; its outcome follows */
    ADMITTED,
    /** written by reconciliation: the instance that admitted the call ended before recording how it ended */
    OUTCOME_UNKNOWN,
    /** answered from the response cache: nothing went upstream (the endpoint column says what it saved) */
    CACHE_HIT;

    public static Outcome of(int httpStatus) {
        if (httpStatus == 401 || httpStatus == 403) {
            return DENIED;
        }
        return httpStatus < 400 ? SUCCESS : FAILED;
    }
}
