package io.novix.core.audit.boundary;

import io.novix.audit.proof.RowFormat;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/** The records of an audit export, written as NDJSON lines or as CSV rows under one header. */
sealed interface Lines {

    void put(JsonObjectBuilder record);

    /** One JSON object per line. */
    record Ndjson(Writer out) implements Lines {
        @Override
        public void put(JsonObjectBuilder record) {
            try {
                out.write(record.build().toString());
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Every record under one header (RFC 4180 quoting); a column a record does not have stays empty. */
    final class Csv implements Lines {
        static final List<String> COLUMNS = columns();
        private final Writer out;
        private boolean headed;

        Csv(Writer out) {
            this.out = out;
        }

        private static List<String> columns() {
            List<String> all = new ArrayList<>(List.of("type", "occurredAt"));
            RowFormat.FIELDS.forEach(f -> all.add(f.name()));
            all.addAll(List.of("entryHash", "contentDigest", "headHash", "signedAtMicros", "keyId", "signature", "publicKey",
                    "format", "from", "to", "generatedAt", "rows", "proofs"));
            return List.copyOf(all);
        }

        @Override
        public void put(JsonObjectBuilder record) {
            JsonObject o = record.build();
            try {
                if (!headed) {
                    out.write(String.join(",", COLUMNS));
                    out.write("\r\n");
                    headed = true;
                }
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < COLUMNS.size(); i++) {
                    JsonValue v = o.get(COLUMNS.get(i));
                    line.append(i == 0 ? "" : ",").append(cell(v));
                }
                out.write(line.append("\r\n").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String cell(JsonValue v) {
            if (v == null || v == JsonValue.NULL) {
                return "";
            }
            String text = v instanceof JsonString s ? s.getString() : v.toString();
            boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0
                    || (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0); // never a formula in a spreadsheet
            if (!quote) {
                return text;
            }
            String safe = !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
    }
}
