package io.novix.core.tenant.entity;

public enum ComplianceProfile {
    SOC2("SOC 2"), HIPAA("HIPAA"), FEDRAMP_HIGH("FedRAMP High");

    private final String label;

    ComplianceProfile(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
