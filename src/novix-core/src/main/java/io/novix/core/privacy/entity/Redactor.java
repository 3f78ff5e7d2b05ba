package io.novix.core.privacy.entity;

import io.novix.hf.JsonBytes;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.LinkedHashMap;
import java.util.List;
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
    private final List<CustomPattern> custom;
    private final List<java.util.regex.Pattern> compiled;
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    public Redactor(Set<PiiRule> rules) {
        this(rules, List.of());
    }

    public Redactor(Set<PiiRule> rules, List<CustomPattern> custom) {
        this.rules = rules.isEmpty() ? Set.of() : java.util.EnumSet.copyOf(rules);
        this.custom = List.copyOf(custom);
        this.compiled = custom.stream().map(CustomPattern::compiled).toList();
    }

    private boolean idle() {
        return rules.isEmpty() && custom.isEmpty();
    }

    public String text(String text) {
        if (text == null || idle()) {
            return text;
        }
        String out = text;
        for (PiiRule rule : PiiRule.values()) {
            if (rules.contains(rule)) {
                out = apply(rule.pattern().matcher(out), out, rule.name(), rule.mask(), rule::accepts);
            }
        }
        for (int i = 0; i < custom.size(); i++) {
            CustomPattern p = custom.get(i);
            try {
                out = apply(compiled.get(i).matcher(new BoundedText(out)), out, p.name(), p.mask(), m -> true);
            } catch (BoundedText.Exhausted | StackOverflowError e) { // a group repeated over a long run recurses deeply
                // fail closed: text the tenant's pattern cannot finish reading does not leave as it is
                counts.merge(p.name(), 1, Integer::sum);
                out = p.mask();
            }
        }
        return out;
    }

    /** Every string in {@code json} that is content (not a setting), redacted. */
    public JsonObject json(JsonObject json) {
        if (idle()) {
            return json;
        }
        JsonObjectBuilder out = JsonBytes.JSON.createObjectBuilder();
        json.forEach((key, value) -> out.add(key, SETTINGS.contains(key) ? value : value(value)));
        return out.build();
    }

    private JsonValue value(JsonValue value) {
        if (value instanceof JsonString s) {
            return JsonBytes.JSON.createValue(text(s.getString()));
        }
        if (value instanceof JsonObject o) {
            return json(o);
        }
        if (value instanceof JsonArray a) {
            JsonArrayBuilder out = JsonBytes.JSON.createArrayBuilder();
            a.forEach(v -> out.add(value(v)));
            return out.build();
        }
        return value;
    }

    private String apply(Matcher m, String text, String kind, String mask, java.util.function.Predicate<String> accepts) {
        StringBuilder out = new StringBuilder(text.length());
        int found = 0;
        int last = 0;
        while (m.find()) {
            String match = text.substring(m.start(), m.end());
            if (m.end() > m.start() && accepts.test(match)) {
                out.append(text, last, m.start()).append(mask);
                last = m.end();
                found++;
            }
        }
        out.append(text, last, text.length());
        if (found > 0) {
            counts.merge(kind, found, Integer::sum);
        }
        return out.toString();
    }

    /** What was removed, by kind, e.g. {@code EMAIL=2,CARD=1}; empty when nothing was. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        java.util.stream.Stream.concat(java.util.Arrays.stream(PiiRule.values()).map(Enum::name), custom.stream().map(CustomPattern::name))
                .filter(counts::containsKey)
                .forEach(kind -> s.append(s.length() == 0 ? "" : ",").append(kind).append('=').append(counts.get(kind)));
        return s.toString();
    }

    public boolean removedAnything() {
        return !counts.isEmpty();
    }
}
