package io.novix.core.kernel;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/errors.md is what client developers code against: its codes and statuses must be the code's. */
class ErrorCodeTest {

    private static final Pattern CODE = Pattern.compile("`([a-z_]+)`");
    private static final Pattern STATUS = Pattern.compile("\\b([1-5]\\d\\d)\\b");

    /** Rows of the three tables: caller and request (HTTP, code), upstream (answer, HTTP, code), stream (what, code). */
    private record Row(List<String> codes, List<Integer> statuses, String table) {
    }

    @Test
    void everyCodeIsDocumentedWithItsStatus() throws Exception {
        Map<String, Row> documented = documented();
        for (ErrorCode code : ErrorCode.values()) {
            Row row = documented.get(code.code());
            assertTrue(row != null, "docs/errors.md does not document " + code.code());
            if (!row.table().equals("stream")) {
                int at = row.codes().indexOf(code.code());
                int status = row.statuses().size() == row.codes().size() ? row.statuses().get(at) : row.statuses().get(0);
                assertEquals(status, code.status(), code.code() + ": the docs and the code give different statuses");
            }
        }
    }

    @Test
    void everyDocumentedCodeExists() throws Exception {
        Set<String> known = new java.util.HashSet<>();
        EnumSet.allOf(ErrorCode.class).forEach(c -> known.add(c.code()));
        for (Map.Entry<String, Row> e : documented().entrySet()) {
            if (!e.getValue().table().equals("stream") || !e.getKey().equals("client_disconnected")) {
                assertTrue(known.contains(e.getKey()), "docs/errors.md documents " + e.getKey() + ", which the code never answers");
            }
        }
    }

    @Test
    void typesFollowTheOpenAiConvention() {
        assertEquals("authentication_error", ErrorCode.TOKEN_EXPIRED.type());
        assertEquals("permission_error", ErrorCode.INSUFFICIENT_SCOPE.type());
        assertEquals("rate_limit_error", ErrorCode.CONCURRENCY_LIMIT_EXCEEDED.type());
        assertEquals("invalid_request_error", ErrorCode.UNKNOWN_FIELD.type());
        assertEquals("upstream_error", ErrorCode.UPSTREAM_TIMEOUT.type());
        assertEquals("server_error", ErrorCode.AUDIT_UNAVAILABLE.type());
        assertEquals(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE.status());
    }

    private static Map<String, Row> documented() throws Exception {
        Map<String, Row> rows = new HashMap<>();
        String table = null;
        for (String line : Files.readAllLines(Path.of("../../docs/errors.md"))) {
            if (line.startsWith("## ")) {
                table = line.contains("Caller") ? "caller" : line.contains("Upstream") ? "upstream"
                        : line.contains("inside a stream") ? "stream" : null;
                continue;
            }
            if (table == null || !line.startsWith("| ") || line.startsWith("|---")) {
                continue;
            }
            String[] cells = line.split("\\|");
            String codeCell = switch (table) {
                case "caller" -> cells[2];
                case "upstream" -> cells[3];
                default -> cells[2];
            };
            String statusCell = table.equals("upstream") ? cells[2] : table.equals("caller") ? cells[1] : "";
            List<String> codes = all(CODE, codeCell);
            List<Integer> statuses = all(STATUS, statusCell).stream().map(Integer::valueOf).toList();
            if (codes.isEmpty() || (!table.equals("stream") && statuses.isEmpty())) {
                continue; // a header row
            }
            for (String code : codes) {
                rows.putIfAbsent(code, new Row(codes, statuses, table));
            }
        }
        return rows;
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
