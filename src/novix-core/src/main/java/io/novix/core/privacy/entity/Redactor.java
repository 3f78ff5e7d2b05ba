package io.novix.core.privacy.entity;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Removes personal data from what a tenant sends before it leaves Novix, counting what it removed
 * by kind (the audit row keeps the counts, never the values). One redactor per call.
 */
public final class Redactor {

    /** JSON members that are settings, not content: left as they are. */
    private static final Set<String> SETTINGS = Set.of("model", "role", "type", "response_format", "encoding_format",
            "stream", "stream_options", "tool_choice", "name", "size", "quality", "style", "language", "user");

    private final Set<PiiRule> rules;
    private final Map<PiiRule, Integer> counts = new EnumMap<>(PiiRule.class);

    public Redactor(Set<PiiRule> rules) {
        this.rules = rules.isEmpty() ? Set.of() : java.util.EnumSet.copyOf(rules);
    }

    public String text(String text) {
        if (text == null || rules.isEmpty()) {
            return text;
        }
        String out = text;
        for (PiiRule rule : PiiRule.values()) {
            if (rules.contains(rule)) {
                out = apply(rule, out);
            }
        }
        return out;
    }

    /** Every string in {@code json} that is content (not a setting), redacted. */
    public JsonObject json(JsonObject json) {
        if (rules.isEmpty()) {
            return json;
        }
        JsonObjectBuilder out = Json.createObjectBuilder();
        json.forEach((key, value) -> out.add(key, SETTINGS.contains(key) ? value : value(value)));
        return out.build();
    }

    private JsonValue value(JsonValue value) {
        if (value instanceof JsonString s) {
            return Json.createValue(text(s.getString()));
        }
        if (value instanceof JsonObject o) {
            return json(o);
        }
        if (value instanceof JsonArray a) {
            JsonArrayBuilder out = Json.createArrayBuilder();
            a.forEach(v -> out.add(value(v)));
            return out.build();
        }
        return value;
    }

    private String apply(PiiRule rule, String text) {
        Matcher m = rule.pattern().matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int found = 0;
        while (m.find()) {
            if (rule.accepts(m.group())) {
                m.appendReplacement(out, Matcher.quoteReplacement(rule.mask()));
                found++;
            } else {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
            }
        }
        m.appendTail(out);
        if (found > 0) {
            counts.merge(rule, found, Integer::sum);
        }
        return out.toString();
    }

    /** What was removed, by kind, e.g. {@code EMAIL=2,CARD=1}; empty when nothing was. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        counts.forEach((rule, n) -> s.append(s.length() == 0 ? "" : ",").append(rule.name()).append('=').append(n));
        return s.toString();
    }

    public boolean removedAnything() {
        return !counts.isEmpty();
    }
}
