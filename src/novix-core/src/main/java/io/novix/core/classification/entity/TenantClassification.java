package io.novix.core.classification.entity;

import io.novix.hf.JsonBytes;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.io.StringReader;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A tenant's classification settings as stored; {@link #policy} is what calls are checked against. */
@Entity
@Table(name = "tenant_classification")
public class TenantClassification {

    @Id
    @Column(name = "tenant_id")
    private UUID tenantId;
    @Column(name = "default_label", length = 64)
    private String defaultLabel;
    @Column(name = "custom_labels", nullable = false, length = 1400)
    private String customLabels;
    @Column(nullable = false)
    private String rules;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected TenantClassification() {
    }

    public TenantClassification(UUID tenantId) {
        this.tenantId = tenantId;
        this.customLabels = "";
        this.rules = "[]";
    }

    public void set(ClassificationPolicy p, Instant now) {
        defaultLabel = p.defaultLabel();
        customLabels = String.join(",", p.customLabels());
        JsonArrayBuilder list = JsonBytes.JSON.createArrayBuilder();
        for (ClassificationRule r : p.rules()) {
            list.add(JsonBytes.JSON.createObjectBuilder().add("label", r.label()).add("models", JsonBytes.JSON.createArrayBuilder(r.models()))
                    .add("regions", JsonBytes.JSON.createArrayBuilder(r.regions())));
        }
        rules = list.build().toString();
        updatedAt = now;
    }

    public ClassificationPolicy policy() {
        List<ClassificationRule> parsed = JsonBytes.JSON.createReader(new StringReader(rules)).readArray().stream()
                .map(JsonValue::asJsonObject).map(TenantClassification::rule).toList();
        List<String> labels = customLabels.isEmpty() ? List.of() : Arrays.asList(customLabels.split(","));
        return new ClassificationPolicy(defaultLabel, labels, parsed);
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    private static ClassificationRule rule(JsonObject o) {
        return new ClassificationRule(o.getString("label"), strings(o, "models"), strings(o, "regions"));
    }

    private static List<String> strings(JsonObject o, String field) {
        return o.getJsonArray(field).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
