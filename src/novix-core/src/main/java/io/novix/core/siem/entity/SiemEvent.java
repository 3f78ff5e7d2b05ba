package io.novix.core.siem.entity;

import io.novix.hf.JsonBytes;

import io.novix.audit.proof.RowFormat;
import io.novix.core.audit.entity.ChainedRow;
import io.novix.core.audit.entity.FeedEntry;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;

/**
 * One audit entry as a Splunk HEC event ({@code time}, {@code host}, {@code source}, {@code sourcetype},
 * indexed {@code fields}, {@code event}), its payload either Novix's own (every column of the row, as
 * the export names them) or OCSF 1.8 API Activity (class 6003). Either carries the entry's stable id.
 */
public final class SiemEvent {

    public enum Format { NOVIX, OCSF }

    private SiemEvent() {
    }

    public static JsonObject of(FeedEntry entry, Format format, String host) {
        ChainedRow row = entry.content();
        long micros = ChronoUnit.MICROS.between(java.time.Instant.EPOCH, row.occurredAt());
        return JsonBytes.JSON.createObjectBuilder()
                .add("time", new BigDecimal(micros).movePointLeft(6))
                .add("host", host)
                .add("source", "novix")
                .add("sourcetype", format == Format.OCSF ? "ocsf:api_activity" : "novix:audit")
                .add("fields", JsonBytes.JSON.createObjectBuilder().add("novix_event_id", entry.eventId())
                        .add("novix_tenant_id", row.tenantId() == null ? "" : row.tenantId().toString()))
                .add("event", format == Format.OCSF ? ocsf(entry) : novix(entry))
                .build();
    }

    /** Every column, named as the export names them, with the id and hash that tie it to its chain. */
    static JsonObject novix(FeedEntry entry) {
        JsonObjectBuilder event = JsonBytes.JSON.createObjectBuilder().add("id", entry.eventId())
                .add("entryHash", HexFormat.of().formatHex(entry.entryHash()));
        Object[] values = entry.content().values();
        for (int i = 0; i < values.length; i++) {
            String name = RowFormat.FIELDS.get(i).name();
            Object v = values[i];
            if (v == null) {
                event.addNull(name);
            } else if (v instanceof byte[] bytes) {
                event.add(name, Base64.getEncoder().encodeToString(bytes));
            } else if (v instanceof Boolean b) {
                event.add(name, b);
            } else if (v instanceof Number n) {
                event.add(name, n.longValue());
            } else {
                event.add(name, v.toString());
            }
        }
        return event.build();
    }

    /**
     * OCSF 1.8 API Activity (category 6 Application Activity, class 6003): activity from the action
     * (read / create / update / delete, else other), status from the outcome, the actor, the API
     * operation and request id, the source endpoint, the HTTP status; Novix's own fields in {@code unmapped}.
     */
    static JsonObject ocsf(FeedEntry entry) {
        ChainedRow row = entry.content();
        int activity = activity(row.action());
        int status = switch (row.outcome()) {
            case "SUCCESS", "ADMITTED" -> 1;
            case "OUTCOME_UNKNOWN" -> 0;
            default -> 2;
        };
        JsonObjectBuilder event = JsonBytes.JSON.createObjectBuilder()
                .add("class_uid", 6003).add("class_name", "API Activity")
                .add("category_uid", 6).add("category_name", "Application Activity")
                .add("activity_id", activity).add("type_uid", 600300 + activity)
                .add("time", ChronoUnit.MILLIS.between(java.time.Instant.EPOCH, row.occurredAt()))
                .add("severity_id", status == 2 ? 3 : 1)
                .add("status_id", status)
                .add("status", row.outcome())
                .add("metadata", JsonBytes.JSON.createObjectBuilder().add("version", "1.8.0").add("uid", entry.eventId())
                        .add("correlation_uid", row.requestId())
                        .add("product", JsonBytes.JSON.createObjectBuilder().add("name", "Novix").add("vendor_name", "Novix")))
                .add("actor", JsonBytes.JSON.createObjectBuilder().add("user", JsonBytes.JSON.createObjectBuilder().add("name", row.principal())))
                .add("api", JsonBytes.JSON.createObjectBuilder().add("operation", row.action())
                        .add("request", JsonBytes.JSON.createObjectBuilder().add("uid", row.requestId())))
                .add("http_response", JsonBytes.JSON.createObjectBuilder().add("code", row.httpStatus()));
        if (row.errorCode() != null) {
            event.add("status_detail", row.errorCode());
        }
        if (row.clientAddress() != null) {
            event.add("src_endpoint", JsonBytes.JSON.createObjectBuilder().add("ip", row.clientAddress()));
        }
        if (row.target() != null) {
            event.add("resources", JsonBytes.JSON.createArrayBuilder().add(JsonBytes.JSON.createObjectBuilder().add("name", row.target())
                    .add("type", row.action().startsWith("inference.") ? "model" : "api")));
        }
        event.add("unmapped", novix(entry));
        return event.build();
    }

    /** OCSF activity ids: 1 create, 2 read, 3 update, 4 delete, 99 other. */
    static int activity(String action) {
        String verb = action.substring(action.lastIndexOf('.') + 1);
        return switch (verb) {
            case "create", "issue", "register", "bind" -> 1;
            case "read", "list", "export", "verify" -> 2;
            case "update", "set", "rotate", "change" -> 3;
            case "remove", "revoke", "unbind", "disable", "delete" -> 4;
            default -> 99;
        };
    }
}
