package io.novix.core.siem.entity;

import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.audit.entity.ChainedRow;
import io.novix.core.audit.entity.FeedEntry;
import io.novix.core.audit.entity.InferenceDetail;
import io.novix.core.audit.entity.Outcome;
import io.novix.core.audit.entity.Phase;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SiemEventTest {

    private static final UUID CHAIN = UUID.fromString("3f0e8c4e-6a43-4c1e-9d8a-0f3b7f2f1a11");

    private static FeedEntry entry(String action, Outcome outcome, int status) {
        InferenceDetail detail = new InferenceDetail("chat-completion", null, null, false, null, null, null, null,
                new BigDecimal("0.002"), "rpm=10000", Phase.OUTCOME, null, "phi", null, null);
        AuditEntry e = new AuditEntry(Instant.parse("2026-12-03T10:00:00.123456Z"), "req-1~abc", UUID.randomUUID(), "token:ab12",
                action, "org/m", outcome, status, status == 200 ? null : "budget_exceeded", 12, 10, 5, 1, null, detail, null, 1, "10.1.2.3");
        return new FeedEntry(7, ChainedRow.of(e, CHAIN, 42), new byte[32]);
    }

    @Test
    void aHecEventCarriesTheStableIdTheTimeAndEveryColumn() {
        JsonObject hec = SiemEvent.of(entry("inference.chat", Outcome.SUCCESS, 200), SiemEvent.Format.NOVIX, "gw-1");
        assertEquals(CHAIN + ":42", hec.getJsonObject("fields").getString("novix_event_id"));
        assertEquals("1796292000.123456", hec.getJsonNumber("time").toString());
        assertEquals("novix:audit", hec.getString("sourcetype"));
        JsonObject event = hec.getJsonObject("event");
        assertEquals("phi", event.getString("dataClassification"));
        assertEquals("OUTCOME", event.getString("phase"));
        assertEquals(42, event.getInt("seq"));
    }

    @Test
    void ocsfApiActivityMapsClassActivityStatusAndActor() {
        JsonObject ocsf = SiemEvent.of(entry("admin.token.revoke", Outcome.FAILED, 402), SiemEvent.Format.OCSF, "gw-1")
                .getJsonObject("event");
        assertEquals(6003, ocsf.getInt("class_uid"));
        assertEquals(6, ocsf.getInt("category_uid"));
        assertEquals(4, ocsf.getInt("activity_id"), "revoke is a delete");
        assertEquals(600304, ocsf.getInt("type_uid"));
        assertEquals(2, ocsf.getInt("status_id"));
        assertEquals("budget_exceeded", ocsf.getString("status_detail"));
        assertEquals("1.8.0", ocsf.getJsonObject("metadata").getString("version"));
        assertEquals("token:ab12", ocsf.getJsonObject("actor").getJsonObject("user").getString("name"));
        assertEquals("10.1.2.3", ocsf.getJsonObject("src_endpoint").getString("ip"));
        assertEquals(402, ocsf.getJsonObject("http_response").getInt("code"));
        assertEquals(2, SiemEvent.activity("inference.models.list".replace(".list", ".read")));
    }
}
