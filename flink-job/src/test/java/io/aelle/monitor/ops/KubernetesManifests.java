package io.aelle.monitor.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes objects a kustomization builds, read as plain maps by following its {@code resources}
 * (files and nested kustomization folders), with each object's source file for messages.
 */
final class KubernetesManifests {

    record Manifest(Path file, Map<String, Object> doc) {
        String kind() {
            return String.valueOf(doc.get("kind"));
        }

        String name() {
            return String.valueOf(at("metadata", "name"));
        }

        Object at(String... path) {
            return KubernetesManifests.at(doc, path);
        }

        @Override
        public String toString() {
            return kind() + " " + name() + " (" + file.getFileName() + ")";
        }
    }

    private final List<Manifest> manifests = new ArrayList<>();
    private final Map<Path, Map<String, Object>> kustomizations = new LinkedHashMap<>();

    static KubernetesManifests load(Path kustomizationDir) throws IOException {
        KubernetesManifests m = new KubernetesManifests();
        m.visit(kustomizationDir.toRealPath());
        return m;
    }

    List<Manifest> all() {
        return manifests;
    }

    Map<Path, Map<String, Object>> kustomizations() {
        return kustomizations;
    }

    List<Manifest> ofKind(String kind) {
        return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
    }

    Manifest one(String kind) {
        List<Manifest> found = ofKind(kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + ", found " + found.size());
        }
        return found.get(0);
    }

    Optional<Manifest> find(String kind, String name) {
        return manifests.stream().filter(m -> m.kind().equals(kind) && m.name().equals(name)).findFirst();
    }

    @SuppressWarnings("unchecked")
    private void visit(Path dir) throws IOException {
        Path file = dir.resolve("kustomization.yaml");
        Map<String, Object> k = readOne(file);
        kustomizations.put(dir, k);
        for (Object resource : (List<Object>) k.getOrDefault("resources", List.of())) {
            Path p = dir.resolve(String.valueOf(resource)).normalize();
            if (Files.isDirectory(p)) {
                visit(p.toRealPath());
            } else if (Files.isRegularFile(p)) {
                for (Map<String, Object> doc : readAll(p)) {
                    manifests.add(new Manifest(p, doc));
                }
            } else {
                throw new AssertionError(file + " lists a resource that does not exist: " + resource);
            }
        }
    }

    static Map<String, Object> readOne(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> readAll(Path file) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Object doc : new Yaml().loadAll(in)) {
                if (doc == null) {
                    continue; // a comment-only document
                }
                if (!(doc instanceof Map)) {
                    throw new AssertionError(file + " holds a YAML document that is not an object: " + doc);
                }
                docs.add((Map<String, Object>) doc);
            }
        }
        return docs;
    }

    /** The value at a path of keys and list indexes ("0"), or null. */
    @SuppressWarnings("unchecked")
    static Object at(Object node, String... path) {
        Object cur = node;
        for (String key : path) {
            if (cur instanceof Map<?, ?> map) {
                cur = ((Map<String, Object>) map).get(key);
            } else if (cur instanceof List<?> list && key.chars().allMatch(Character::isDigit)) {
                int i = Integer.parseInt(key);
                cur = i < list.size() ? list.get(i) : null;
            } else {
                return null;
            }
        }
        return cur;
    }
}
