package it.novix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14: the Kubernetes manifests in {@code liberty/kubernetes} are valid against the schemas of
 * their kinds (no cluster and no published validator can run here, so JSON Schemas written from the
 * operators' CRDs, in test resources, with unknown fields refused), and they hang together: every
 * secret and config map they name exists with the keys named, every variable they set is one Novix
 * reads (the README's configuration table), probes are MicroProfile Health's, and the memory limit
 * leaves room for the heap {@code liberty/jvm.options} allows.
 */
class KubernetesManifestsIT {

    private static final Path DIR = Path.of(System.getProperty("novix.liberty.config", "../liberty")).resolve("kubernetes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7,
            b -> b.schemaMappers(m -> m.mapPrefix("https://novix.local/schemas/", "classpath:kubernetes/")));

    private static List<JsonNode> documents() throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var files = Files.list(DIR)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (var parser = YAML.getFactory().createParser(f.toFile())) {
                    YAML.readValues(parser, JsonNode.class).forEachRemaining(d -> {
                        if (d != null && !d.isEmpty()) {
                            docs.add(d);
                        }
                    });
                }
            }
        }
        return docs;
    }

    private static Set<ValidationMessage> validate(JsonNode doc) {
        String schema = switch (doc.path("kind").asText()) {
            case "OpenLibertyApplication" -> "openlibertyapplication";
            case "Cluster" -> "cnpg-cluster";
            case "ConfigMap", "Secret", "PodDisruptionBudget" -> "core";
            default -> throw new AssertionError("a manifest of a kind no schema covers: " + doc.path("kind"));
        };
        JsonSchema s = SCHEMAS.getSchema(SchemaLocation.of("https://novix.local/schemas/" + schema + ".schema.json"));
        return s.validate(doc);
    }

    @Test
    void everyManifestIsValidAgainstItsKindsSchema() throws Exception {
        List<JsonNode> docs = documents();
        Set<String> kinds = new HashSet<>();
        for (JsonNode doc : docs) {
            kinds.add(doc.path("kind").asText());
            assertEquals(Set.of(), validate(doc), doc.path("kind").asText() + " " + doc.path("metadata").path("name").asText());
        }
        assertEquals(Set.of("OpenLibertyApplication", "Cluster", "ConfigMap", "Secret", "PodDisruptionBudget"), kinds);

        // the schemas refuse what the CRDs would: a misspelt field, a wrong type, an enum value they do not know
        JsonNode app = docs.stream().filter(d -> d.path("kind").asText().equals("OpenLibertyApplication")).findFirst().orElseThrow();
        ObjectNode misspelt = app.deepCopy();
        ((ObjectNode) misspelt.get("spec")).put("replica", 3);
        assertFalse(validate(misspelt).isEmpty(), "an unknown field is refused");
        ObjectNode wrongType = app.deepCopy();
        ((ObjectNode) wrongType.get("spec")).put("replicas", "three");
        assertFalse(validate(wrongType).isEmpty(), "a wrong type is refused");
        JsonNode db = docs.stream().filter(d -> d.path("kind").asText().equals("Cluster")).findFirst().orElseThrow();
        ObjectNode badEnum = db.deepCopy();
        ((ObjectNode) badEnum.get("spec").get("postgresql").get("synchronous")).put("method", "all");
        assertFalse(validate(badEnum).isEmpty(), "an enum value the CRD does not have is refused");
    }

    @Test
    void theManifestsHangTogetherAndSetOnlyWhatNovixReads() throws Exception {
        List<JsonNode> docs = documents();
        Map<String, Set<String>> secrets = new HashMap<>();
        Map<String, Set<String>> configMaps = new HashMap<>();
        for (JsonNode d : docs) {
            Set<String> keys = new HashSet<>();
            d.path("data").fieldNames().forEachRemaining(keys::add);
            d.path("stringData").fieldNames().forEachRemaining(keys::add);
            (d.path("kind").asText().equals("Secret") ? secrets : configMaps).put(d.path("metadata").path("name").asText(), keys);
        }
        JsonNode app = docs.stream().filter(d -> d.path("kind").asText().equals("OpenLibertyApplication")).findFirst().orElseThrow();
        JsonNode spec = app.get("spec");

        Set<String> variables = new HashSet<>();
        for (JsonNode from : spec.path("envFrom")) {
            if (from.has("secretRef")) {
                String name = from.get("secretRef").get("name").asText();
                assertTrue(secrets.containsKey(name), "secret " + name);
                variables.addAll(secrets.get(name));
            } else {
                String name = from.get("configMapRef").get("name").asText();
                assertTrue(configMaps.containsKey(name), "config map " + name);
                variables.addAll(configMaps.get(name));
            }
        }
        for (JsonNode env : spec.path("env")) {
            variables.add(env.get("name").asText());
            JsonNode ref = env.path("valueFrom").path("secretKeyRef");
            if (!ref.isMissingNode()) {
                String name = ref.get("name").asText();
                assertTrue(secrets.containsKey(name) && secrets.get(name).contains(ref.get("key").asText()),
                        "secret " + name + " has key " + ref.get("key"));
            }
        }
        Set<String> documented = new HashSet<>();
        for (String line : Files.readAllLines(Path.of("../README.md"))) {
            Matcher m = Pattern.compile("`((?:NOVIX|HF)_[A-Z_]+)`").matcher(line);
            String first = null;
            while (m.find()) {
                documented.add(m.group(1));
                first = first == null ? m.group(1) : first;
            }
            Matcher suffix = Pattern.compile("`(_[A-Z_]+)`").matcher(line); // `NOVIX_BULKHEAD_STANDARD`, `_ENTERPRISE`
            while (first != null && suffix.find()) {
                documented.add(first.substring(0, first.lastIndexOf('_')) + suffix.group(1));
            }
        }
        for (String v : variables) {
            assertTrue(documented.contains(v), v + " is set but is not a setting Novix documents (README, Configuration)");
        }
        assertTrue(variables.containsAll(Set.of("NOVIX_JWT_KEK", "NOVIX_ADMIN_TOKEN", "HF_API_KEY", "NOVIX_DB_URL",
                "NOVIX_DB_USER", "NOVIX_DB_PASSWORD", "NOVIX_INSTANCE_ID", "NOVIX_TLS_KEYSTORE")), "every secret Novix needs: " + variables);
        assertTrue(configMaps.values().stream().flatMap(Set::stream).noneMatch(k -> k.contains("KEK") || k.contains("TOKEN")
                || k.contains("PASSWORD") || k.equals("HF_API_KEY")), "no secret in a config map");

        assertEquals("/health/started", spec.at("/probes/startup/httpGet/path").asText());
        assertEquals("/health/ready", spec.at("/probes/readiness/httpGet/path").asText());
        assertEquals("/health/live", spec.at("/probes/liveness/httpGet/path").asText());
        assertTrue(spec.at("/autoscaling/minReplicas").asInt() >= 2, "more than one instance");
        JsonNode pdb = docs.stream().filter(d -> d.path("kind").asText().equals("PodDisruptionBudget")).findFirst().orElseThrow();
        assertTrue(pdb.at("/spec/minAvailable").asInt() < spec.at("/autoscaling/minReplicas").asInt(), "a drain can proceed");

        JsonNode config = docs.stream().filter(d -> d.path("kind").asText().equals("ConfigMap")).findFirst().orElseThrow();
        JsonNode db = docs.stream().filter(d -> d.path("kind").asText().equals("Cluster")).findFirst().orElseThrow();
        int pool = config.at("/data/NOVIX_DB_POOL_MAX").asInt(40);
        int maxConnections = db.at("/spec/postgresql/parameters/max_connections").asInt(100);
        assertTrue(spec.at("/autoscaling/maxReplicas").asInt() * pool + 20 <= maxConnections, "every replica's pool fits in the "
                + "database's max_connections with room for CloudNativePG's own: " + spec.at("/autoscaling/maxReplicas") + " x " + pool
                + " vs " + maxConnections);

        long heapMiB = Files.readAllLines(Path.of(System.getProperty("novix.liberty.config", "../liberty")).resolve("jvm.options"))
                .stream().filter(l -> l.startsWith("-Xmx")).map(l -> l.substring(4).toLowerCase())
                .mapToLong(x -> x.endsWith("g") ? Long.parseLong(x.replace("g", "")) * 1024 : Long.parseLong(x.replace("m", "")))
                .findFirst().orElseThrow(() -> new AssertionError("liberty/jvm.options bounds the heap"));
        String limit = spec.at("/resources/limits/memory").asText();
        long limitMiB = limit.endsWith("Gi") ? Long.parseLong(limit.replace("Gi", "")) * 1024 : Long.parseLong(limit.replace("Mi", ""));
        assertTrue(limitMiB >= heapMiB + 384, "memory limit " + limit + " leaves room for metaspace, code and threads beside a "
                + heapMiB + " MiB heap");
    }
}
