package io.novix.core.tenant.entity;

public enum ComplianceProfile {
    SOC2("SOC 2"), HIPAA("HIPAA"), FEDRAMP_HIGH("FedRAMP High");

    private final String label;

    ComplianceProfile(String label) {
        this.label = label;
    }

    /**
     * Whether an answer's last byte waits for its outcome entry to be committed, not only its admission
     * entry (write-ahead audit): FedRAMP High's AU-9/AU-10 reading leaves no answered call whose outcome a
     * crash could turn into OUTCOME_UNKNOWN. The others accept that, for an answer free of commits.
     */
    public boolean awaitsAuditOutcome() {
        return this == FEDRAMP_HIGH;
    }

    public String label() {
        return label;
    }
}
