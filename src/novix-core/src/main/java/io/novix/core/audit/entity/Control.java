package io.novix.core.audit.entity;

/**
 * The compliance controls the audit trail answers for, each with what it requires (paraphrased
 * from the framework) and how Novix meets it; {@code records} names the kinds of entries that
 * prove it. The evidence export ({@code …/audit/evidence}) fills in the live figures.
 */
public enum Control {
    AU_2("AU-2", "NIST SP 800-53 Rev. 5", "Event logging",
            "Identify the types of events the system logs: here every request, admin change, sign-in and refusal.",
            "Every API request is an audit entry: inference calls (admission and outcome), admin changes with before/after "
                    + "(sealed), sign-ins, token grants, refusals (flood refusals aggregated with exact counts)."),
    AU_3("AU-3", "NIST SP 800-53 Rev. 5", "Content of audit records",
            "Records say what happened, when, where, its source, its outcome and who was involved.",
            "Each entry has time, request id, tenant, principal and credential, client address, action, model, task, region "
                    + "and endpoint, data classification, policy verdict, status, error code, tokens and cost."),
    AU_6("AU-6", "NIST SP 800-53 Rev. 5", "Audit record review, analysis, and reporting",
            "Records can be reviewed and analysed for inappropriate or unusual activity.",
            "Auditors' SQL views (audit_calls, audit_refusals, audit_admin_changes, audit_usage_daily, audit_open_admissions) "
                    + "and the filtered, paged /audit API; SIEM forwarding is the operator's."),
    AU_9("AU-9", "NIST SP 800-53 Rev. 5", "Protection of audit information",
            "Audit information and tools are protected from unauthorised access, modification and deletion.",
            "Append-only by triggers (UPDATE, DELETE, TRUNCATE refused); the application's role may only INSERT and SELECT "
                    + "the trail and owns nothing; auditors read views only; admin states sealed under the tenant's data key."),
    AU_10("AU-10", "NIST SP 800-53 Rev. 5", "Non-repudiation",
            "Provide irrefutable evidence that an individual performed an action.",
            "Entries are hash-chained (SHA-256) per writer epoch and the chain heads signed (Ed25519) periodically and at "
                    + "shutdown; verification online and offline names the first bad entry."),
    AU_11("AU-11", "NIST SP 800-53 Rev. 5", "Audit record retention",
            "Retain records for the period the organisation's policy sets.",
            "Rows are never deleted by Novix; exports with their chain proofs can be archived and verified offline."),
    AU_12("AU-12", "NIST SP 800-53 Rev. 5", "Audit record generation",
            "Generate the records for the events of AU-2, from every component.",
            "Write-ahead: the admission entry is committed before any byte of the answer, the outcome after; when an entry "
                    + "cannot be committed the call is refused (AU-5), never served unaudited; crashes leave OUTCOME_UNKNOWN."),
    SOC2_CC7_2("CC7.2", "SOC 2 (TSC 2017)", "Monitoring of system components",
            "Monitor components for anomalies indicative of malicious acts, errors and natural disasters.",
            "Refusals by reason (audit_refusals), quarantine and lost-entry alarms (novix_audit_quarantined / _lost), chain "
                    + "verification, SLA gauges."),
    HIPAA_164_312_B("164.312(b)", "HIPAA Security Rule", "Audit controls",
            "Mechanisms that record and examine activity in systems that contain or use ePHI.",
            "Every call is recorded with its data classification and the kinds of personal data redacted before it went "
                    + "upstream (never the values), examinable by SQL and export.");

    private final String id;
    private final String framework;
    private final String title;
    private final String requirement;
    private final String implementation;

    Control(String id, String framework, String title, String requirement, String implementation) {
        this.id = id;
        this.framework = framework;
        this.title = title;
        this.requirement = requirement;
        this.implementation = implementation;
    }

    public String id() { return id; }
    public String framework() { return framework; }
    public String title() { return title; }
    public String requirement() { return requirement; }
    public String implementation() { return implementation; }

    /** By its id as frameworks write it (AU-9, CC7.2, 164.312(b)), case-insensitively. */
    public static java.util.Optional<Control> byId(String id) {
        return java.util.Arrays.stream(values()).filter(c -> c.id.equalsIgnoreCase(id)).findFirst();
    }
}
