package it.novix;

import io.novix.launcher.NovixStack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Plain SQL against Novix's PostgreSQL, as an auditor would query it. */
final class Db {

    private Db() {
    }

    static List<Map<String, Object>> query(NovixStack stack, String sql, Object... params) throws Exception {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new HashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnName(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    static int update(NovixStack stack, String sql, Object... params) throws Exception {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    /** The audit rows of a request the caller named {@code clientId} (Novix makes it unique: {@code clientId~<12 hex>}). */
    static List<Map<String, Object>> auditByClientId(NovixStack stack, String clientId) throws Exception {
        return query(stack, "SELECT * FROM audit_record WHERE request_id LIKE ? AND phase IS DISTINCT FROM 'ADMISSION' ORDER BY id",
                clientId + "~%");
    }

    /** The audit rows of one request id (the X-Request-Id the gateway returned); an admitted call's outcome, not its admission. */
    static List<Map<String, Object>> audit(NovixStack stack, String requestId) throws Exception {
        return query(stack, "SELECT * FROM audit_record WHERE request_id = ? AND phase IS DISTINCT FROM 'ADMISSION' ORDER BY id",
                requestId);
    }

    /** The write-ahead admission entry of one request id, if it has one. */
    static List<Map<String, Object>> admission(NovixStack stack, String requestId) throws Exception {
        return query(stack, "SELECT * FROM audit_record WHERE request_id = ? AND phase = 'ADMISSION'", requestId);
    }
}
