package io.novix.core.audit.entity;

/**
 * Which of an inference call's two write-ahead entries a row is: the admission, committed before
 * any byte of the answer leaves, or the outcome after it. Other entries have no phase.
 */
public enum Phase {
    ADMISSION,
    OUTCOME
}
