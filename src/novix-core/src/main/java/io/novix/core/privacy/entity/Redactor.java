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
        Shape shape = Shape.of(out);
        for (PiiRule rule : PiiRule.values()) {
            if (rules.contains(rule) && shape.mayHold(rule)) {
                String before = out;
                out = apply(rule.pattern().matcher(out), out, rule.name(), rule.mask(), rule::accepts);
                if (out != before) {
                    shape = Shape.of(out); // a mask adds a colon: the next rule's test reads the text as it now is
                }
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

    /** Every string in {@code json} that is content (not a setting), redacted; the same object when nothing was. */
    public JsonObject json(JsonObject json) {
        if (idle()) {
            return json;
        }
        Map<String, JsonValue> changed = null;
        for (Map.Entry<String, JsonValue> member : json.entrySet()) {
            JsonValue clean = SETTINGS.contains(member.getKey()) ? member.getValue() : value(member.getValue());
            if (clean != member.getValue()) {
                changed = changed == null ? new java.util.HashMap<>() : changed;
                changed.put(member.getKey(), clean);
            }
        }
        if (changed == null) {
            return json;
        }
        Map<String, JsonValue> replaced = changed;
        JsonObjectBuilder out = JsonBytes.JSON.createObjectBuilder();
        json.forEach((key, value) -> out.add(key, replaced.getOrDefault(key, value)));
        return out.build();
    }

    private JsonValue value(JsonValue value) {
        if (value instanceof JsonString s) {
            String text = s.getString();
            String clean = text(text);
            return clean.equals(text) ? value : JsonBytes.JSON.createValue(clean);
        }
        if (value instanceof JsonObject o) {
            return json(o);
        }
        if (value instanceof JsonArray a) {
            JsonValue[] items = new JsonValue[a.size()];
            boolean any = false;
            for (int i = 0; i < items.length; i++) {
                items[i] = value(a.get(i));
                any |= items[i] != a.get(i);
            }
            if (!any) {
                return value;
            }
            JsonArrayBuilder out = JsonBytes.JSON.createArrayBuilder();
            for (JsonValue item : items) {
                out.add(item);
            }
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
        if (found == 0) {
            return text;
        }
        out.append(text, last, text.length());
        counts.merge(kind, found, Integer::sum);
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

    /**
     * What a text holds that a rule's match needs (digits, '@', '-', '.', ':'): a rule whose match
     * cannot be there is not run. Exact, never a guess: each bound is the least its pattern and
     * check require (an e-mail has an '@', a card 13 digits, a phone number 8, an IPv4 address 4
     * digits and 3 dots, an IPv6 one 7 colons).
     */
    private record Shape(int digits, boolean at, boolean dash, int dots, int colons) {

        static Shape of(String text) {
            int digits = 0;
            int dots = 0;
            int colons = 0;
            boolean at = false;
            boolean dash = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= '0' && c <= '9') {
                    digits++;
                } else if (c == '@') {
                    at = true;
                } else if (c == '-') {
                    dash = true;
                } else if (c == '.') {
                    dots++;
                } else if (c == ':') {
                    colons++;
                }
            }
            return new Shape(digits, at, dash, dots, colons);
        }

        boolean mayHold(PiiRule rule) {
            return switch (rule) {
                case EMAIL -> at;
                case IBAN -> digits >= 2;
                case CARD -> digits >= 13;
                case US_SSN -> digits >= 9 && dash;
                case IP_ADDRESS -> (digits >= 4 && dots >= 3) || colons >= 7;
                case PHONE -> digits >= 8;
            };
        }
    }
}
