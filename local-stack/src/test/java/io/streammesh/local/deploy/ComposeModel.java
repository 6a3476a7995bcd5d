package io.streammesh.local.deploy;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose files as Compose reads them, for the parts the rehearsal runs: anchors and merge keys
 * (SnakeYAML), override files merged over the base (maps merged key by key, {@code environment} and
 * {@code depends_on} merged, {@code volumes} merged by container path, other keys replaced), profiles,
 * {@code ${VAR}}, {@code ${VAR:-default}} and {@code ${VAR:?message}} interpolation, and env files.
 */
final class ComposeModel {

    private final Map<String, Map<String, Object>> services;
    private final Path projectDir;

    private ComposeModel(Map<String, Map<String, Object>> services, Path projectDir) {
        this.services = services;
        this.projectDir = projectDir;
    }

    /** The files merged in order, as {@code docker compose -f a -f b}; {@code env} is the shell's environment. */
    @SuppressWarnings("unchecked")
    static ComposeModel load(Map<String, String> env, Path... files) throws Exception {
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        for (Path file : files) {
            Map<String, Object> doc;
            try (Reader r = Files.newBufferedReader(file)) {
                doc = (Map<String, Object>) new Yaml(new LoaderOptions()).load(r);
            }
            Map<String, Object> fileServices = (Map<String, Object>) interpolate(doc.get("services"), env);
            fileServices.forEach((name, def) -> services.merge(name, new LinkedHashMap<>((Map<String, Object>) def),
                    (base, override) -> merge(base, override)));
        }
        return new ComposeModel(services, files[0].toAbsolutePath().getParent());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        override.forEach((key, value) -> {
            Object old = merged.get(key);
            if ((key.equals("environment") || key.equals("depends_on")) && old != null) {
                Map<String, Object> m = new LinkedHashMap<>(asMap(old));
                m.putAll(asMap(value));
                merged.put(key, m);
            } else if (key.equals("volumes") && old != null) {
                Map<String, String> byTarget = new LinkedHashMap<>();
                for (String v : (List<String>) old) {
                    byTarget.put(Volume.parse(v).target(), v);
                }
                for (String v : (List<String>) value) {
                    byTarget.put(Volume.parse(v).target(), v);
                }
                merged.put(key, new ArrayList<>(byTarget.values()));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    /** A map, or a list of NAME=VALUE / NAME entries (both forms Compose accepts). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (Object entry : (List<Object>) value) {
            String s = entry.toString();
            int eq = s.indexOf('=');
            result.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
        }
        return result;
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

    @SuppressWarnings("unchecked")
    private static Object interpolate(Object value, Map<String, String> env) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> result = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> result.put(k, interpolate(v, env)));
            return result;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(v -> interpolate(v, env)).toList();
        }
        if (value instanceof String s) {
            Matcher m = VARIABLE.matcher(s);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String replacement;
                if (m.group().equals("$$")) {
                    replacement = "$";
                } else {
                    String v = env.get(m.group(1));
                    String op = m.group(2);
                    boolean unset = op != null && op.startsWith(":") ? v == null || v.isEmpty() : v == null;
                    if (op != null && op.endsWith("-") && unset) {
                        replacement = m.group(3);
                    } else if (op != null && op.endsWith("?") && unset) {
                        throw new IllegalArgumentException("required variable " + m.group(1) + " is missing: " + m.group(3));
                    } else {
                        replacement = v == null ? "" : v;
                    }
                }
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(out);
            return out.toString();
        }
        return value;
    }

    Path projectDir() {
        return projectDir;
    }

    /** Every service, in file order, including those whose profiles are not enabled. */
    Map<String, Map<String, Object>> services() {
        return services;
    }

    /** Services Compose starts without --profile: those without profiles. */
    List<String> defaultServices() {
        return services.entrySet().stream().filter(e -> !e.getValue().containsKey("profiles")).map(Map.Entry::getKey).toList();
    }

    Map<String, Object> service(String name) {
        Map<String, Object> s = services.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no service " + name);
        }
        return s;
    }

    String image(String name) {
        return (String) service(name).get("image");
    }

    @SuppressWarnings("unchecked")
    Optional<List<String>> command(String name) {
        return Optional.ofNullable((List<String>) service(name).get("command"));
    }

    @SuppressWarnings("unchecked")
    Optional<List<String>> entrypoint(String name) {
        return Optional.ofNullable((List<String>) service(name).get("entrypoint"));
    }

    /** The container's environment as Compose builds it: env files first, then environment: entries win. */
    @SuppressWarnings("unchecked")
    Map<String, String> environment(String name) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        Object envFiles = service(name).get("env_file");
        if (envFiles != null) {
            for (Object f : envFiles instanceof List<?> l ? l : List.of(envFiles)) {
                env.putAll(readEnvFile(projectDir.resolve(f.toString())));
            }
        }
        Object environment = service(name).get("environment");
        if (environment != null) {
            asMap(environment).forEach((k, v) -> env.put(k, v == null ? "" : v.toString()));
        }
        return env;
    }

    /** NAME=VALUE a line, # comments and blank lines skipped, the value taken as written (unquoted). */
    static Map<String, String> readEnvFile(Path file) throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("env file " + file + " does not exist (Compose would refuse to start)");
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int eq = l.indexOf('=');
            env.put(l.substring(0, eq).strip(), l.substring(eq + 1));
        }
        return env;
    }

    @SuppressWarnings("unchecked")
    List<Volume> volumes(String name) {
        List<String> volumes = (List<String>) service(name).getOrDefault("volumes", List.of());
        return volumes.stream().map(Volume::parse).toList();
    }

    /** depends_on as service -> condition (the short list form means service_started). */
    @SuppressWarnings("unchecked")
    Map<String, String> dependsOn(String name) {
        Object deps = service(name).get("depends_on");
        Map<String, String> result = new LinkedHashMap<>();
        if (deps instanceof List<?> l) {
            l.forEach(d -> result.put(d.toString(), "service_started"));
        } else if (deps instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).forEach((d, c) -> result.put(d,
                    c instanceof Map<?, ?> cm && cm.get("condition") != null ? cm.get("condition").toString() : "service_started"));
        }
        return result;
    }

    /** The health check's command, e.g. [CMD, curl, -fsS, http://localhost:8080/health/ready]. */
    @SuppressWarnings("unchecked")
    Optional<List<String>> healthcheck(String name) {
        Map<String, Object> h = (Map<String, Object>) service(name).get("healthcheck");
        return h == null ? Optional.empty() : Optional.of((List<String>) h.get("test"));
    }

    @SuppressWarnings("unchecked")
    List<String> ports(String name) {
        return ((List<Object>) service(name).getOrDefault("ports", List.of())).stream().map(Object::toString).toList();
    }

    /** mem_limit in bytes, if set. */
    Optional<Long> memLimit(String name) {
        Object limit = service(name).get("mem_limit");
        return limit == null ? Optional.empty() : Optional.of(bytes(limit.toString()));
    }

    Optional<String> stopGracePeriod(String name) {
        return Optional.ofNullable((String) service(name).get("stop_grace_period"));
    }

    static long bytes(String size) {
        Matcher m = Pattern.compile("(?i)(\\d+)([kmg]?)b?").matcher(size.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("size " + size);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase()) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            default -> n;
        };
    }

    /** A volumes: entry: a bind mount (./host:/container[:ro]) or a named volume (name:/container). */
    record Volume(String source, String target, boolean bind) {
        static Volume parse(String spec) {
            String[] parts = spec.split(":");
            return new Volume(parts[0], parts[1], parts[0].startsWith(".") || parts[0].startsWith("/"));
        }
    }
}
