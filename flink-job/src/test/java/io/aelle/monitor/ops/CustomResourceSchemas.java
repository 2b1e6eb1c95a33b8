package io.aelle.monitor.ops;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.Prometheus;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.shaded.asm9.org.objectweb.asm.AnnotationVisitor;
import org.apache.flink.shaded.asm9.org.objectweb.asm.ClassReader;
import org.apache.flink.shaded.asm9.org.objectweb.asm.ClassVisitor;
import org.apache.flink.shaded.asm9.org.objectweb.asm.MethodVisitor;
import org.apache.flink.shaded.asm9.org.objectweb.asm.Opcodes;

/**
 * Checks a manifest against the schema its operator really serves, using the operators' own API model classes
 * from Maven Central (Strimzi's {@code io.strimzi:api}, the Flink Kubernetes Operator's API, fabric8's models for
 * Kubernetes and the Prometheus Operator) instead of hand-written field lists.
 *
 * <p>Strict means: every field must be a property of the model class. The models keep unknown fields in an
 * {@code additionalProperties} map rather than failing (operators must round-trip newer fields), so after Jackson
 * has bound the document the whole object graph is walked and any non-empty {@code additionalProperties} is a
 * violation with its path. For Strimzi resources a property the model marks
 * {@code @PresentInVersions("v1beta2")} (removed from {@code v1}) is a violation too; that annotation's class is
 * not published, so it is read from the class files with ASM.
 */
final class CustomResourceSchemas {

    /** The model class of each kind the deployment may contain. */
    static final Map<String, Class<?>> MODEL_CLASSES = Map.ofEntries(
            Map.entry("Kafka", Kafka.class),
            Map.entry("KafkaNodePool", KafkaNodePool.class),
            Map.entry("KafkaTopic", KafkaTopic.class),
            Map.entry("FlinkDeployment", FlinkDeployment.class),
            Map.entry("PodMonitor", PodMonitor.class),
            Map.entry("Prometheus", Prometheus.class),
            Map.entry("Deployment", Deployment.class),
            Map.entry("Job", Job.class),
            Map.entry("Service", Service.class),
            Map.entry("ServiceAccount", ServiceAccount.class),
            Map.entry("PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("Role", Role.class),
            Map.entry("RoleBinding", RoleBinding.class));

    private static final String PRESENT_IN_VERSIONS = "Lio/strimzi/crdgenerator/annotations/PresentInVersions;";

    private final ObjectMapper mapper = new ObjectMapper()
            // Some models (the Flink operator's) say @JsonIgnoreProperties(ignoreUnknown = true); strict here.
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public JsonIgnoreProperties.Value findPropertyIgnoralByName(MapperConfig<?> config, Annotated a) {
                    return super.findPropertyIgnoralByName(config, a).withoutIgnoreUnknown();
                }
            })
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);

    /** The violations of one manifest, each with its path; empty when it is valid. */
    List<String> violations(String kind, Map<String, Object> doc) {
        Class<?> model = MODEL_CLASSES.get(kind);
        if (model == null) {
            return List.of("no model class for kind " + kind);
        }
        Object bound;
        try {
            bound = mapper.convertValue(doc, model);
        } catch (IllegalArgumentException e) {
            return List.of("does not bind to " + model.getName() + ": " + e.getMessage());
        }
        List<String> found = new ArrayList<>();
        boolean strimziV1 = String.valueOf(doc.get("apiVersion")).equals("kafka.strimzi.io/v1");
        walk(bound, kind, strimziV1, found, new IdentityHashMap<>());
        return found;
    }

    private void walk(Object node, String path, boolean strimziV1, List<String> found, Map<Object, Boolean> seen) {
        if (node == null || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, strimziV1, found, seen));
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", strimziV1, found, seen);
            }
            return;
        }
        if (!isModel(node.getClass())) {
            return;
        }
        Set<String> v1beta2Only = strimziV1 ? v1beta2OnlyGetters(node.getClass()) : Set.of();
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue; // a computed getter that needs more state; not a field of the document
            }
            String property = propertyName(getter.getName());
            if (property.equals("additionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    found.add(path + ": unknown field(s) " + extra.keySet());
                }
                continue;
            }
            if (value != null && v1beta2Only.contains(getter.getName())) {
                found.add(path + "." + property + ": removed in kafka.strimzi.io/v1");
            }
            walk(value, path + "." + property, strimziV1, found, seen);
        }
    }

    private static boolean isModel(Class<?> type) {
        String name = type.getName();
        return !type.isEnum() && (name.startsWith("io.strimzi.api.") || name.startsWith("io.fabric8.kubernetes.api.model")
                || name.startsWith("io.fabric8.openshift.api.model") || name.startsWith("org.apache.flink.kubernetes.operator.api"));
    }

    private static String propertyName(String getter) {
        String bare = getter.startsWith("is") ? getter.substring(2) : getter.substring(3);
        return Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
    }

    /** Strimzi's version ranges: "v1beta2" (that one), "v1beta2+" (it and later), "v1alpha1-v1beta2", lists. */
    static boolean includesV1(String range) {
        for (String part : range.split(",")) {
            String p = part.trim();
            if (p.endsWith("+") || p.equals("v1") || p.endsWith("-v1")) {
                return true;
            }
        }
        return false;
    }

    /** Getters of a Strimzi model class (and its superclasses) annotated as present in v1beta2 only. */
    private static Set<String> v1beta2OnlyGetters(Class<?> type) {
        Set<String> getters = new java.util.HashSet<>();
        for (Class<?> c = type; c != null && c.getName().startsWith("io.strimzi."); c = c.getSuperclass()) {
            try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
                if (in == null) {
                    continue;
                }
                new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
                    @Override
                    public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                        return new MethodVisitor(Opcodes.ASM9) {
                            @Override
                            public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                                if (!annotation.equals(PRESENT_IN_VERSIONS)) {
                                    return null;
                                }
                                return new AnnotationVisitor(Opcodes.ASM9) {
                                    @Override
                                    public void visit(String key, Object value) {
                                        if (key.equals("value") && !includesV1(String.valueOf(value))) {
                                            getters.add(name);
                                        }
                                    }
                                };
                            }
                        };
                    }
                }, ClassReader.SKIP_CODE);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + c.getName(), e);
            }
        }
        return getters;
    }
}
