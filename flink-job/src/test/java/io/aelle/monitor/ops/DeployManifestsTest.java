package io.aelle.monitor.ops;

import static io.aelle.monitor.ops.KubernetesManifests.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aelle.monitor.ops.KubernetesManifests.Manifest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Parses every manifest deploy/kustomization.yaml builds, checks the fields each kind needs, and checks that
 * topic names, the metrics port and path, the entry class and the Flink version agree with the code.
 */
class DeployManifestsTest {

    /** Every kind the deployment may contain, with its API version; a new kind needs its checks here. */
    private static final Map<String, String> API_VERSIONS = Map.ofEntries(
            // Strimzi 1.x serves only v1 (1.0.0 removed v1beta2).
            Map.entry("Kafka", "kafka.strimzi.io/v1"),
            Map.entry("KafkaNodePool", "kafka.strimzi.io/v1"),
            Map.entry("KafkaTopic", "kafka.strimzi.io/v1"),
            Map.entry("FlinkDeployment", "flink.apache.org/v1beta1"),
            Map.entry("PodMonitor", "monitoring.coreos.com/v1"),
            Map.entry("Prometheus", "monitoring.coreos.com/v1"),
            Map.entry("Deployment", "apps/v1"),
            Map.entry("Job", "batch/v1"),
            Map.entry("Service", "v1"),
            Map.entry("ServiceAccount", "v1"),
            Map.entry("PersistentVolumeClaim", "v1"),
            Map.entry("Role", "rbac.authorization.k8s.io/v1"),
            Map.entry("RoleBinding", "rbac.authorization.k8s.io/v1"));
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final String GPU_DRIVER_FACTORY = "org.apache.flink.externalresource.gpu.GPUDriverFactory";

    private static Path deploy;
    private static KubernetesManifests manifests;

    @BeforeAll
    static void load() throws IOException {
        deploy = RepoFiles.root().resolve("deploy");
        manifests = KubernetesManifests.load(deploy);
    }

    @Test
    void everyObjectHasAKnownKindApiVersionAndValidName() {
        assertFalse(manifests.all().isEmpty());
        Set<String> seen = new HashSet<>();
        for (Manifest m : manifests.all()) {
            assertTrue(API_VERSIONS.containsKey(m.kind()), m + ": kind without checks in this test");
            assertEquals(API_VERSIONS.get(m.kind()), m.doc().get("apiVersion"), m + " apiVersion");
            Pattern rule = m.kind().equals("Service") ? DNS_LABEL : DNS_SUBDOMAIN;
            assertTrue(rule.matcher(m.name()).matches(), m + ": invalid name for a " + m.kind());
            assertNull(m.at("metadata", "namespace"), m + ": namespace comes from kustomization.yaml");
            assertTrue(seen.add(m.kind() + "/" + m.name()), m + " is defined twice");
        }
    }

    @Test
    void everyObjectMatchesItsOperatorsSchema() {
        CustomResourceSchemas schemas = new CustomResourceSchemas();
        List<String> violations = new ArrayList<>();
        for (Manifest m : manifests.all()) {
            Map<String, Object> doc = m.doc();
            if (m.kind().equals("FlinkDeployment")) {
                // The newest operator API on Maven Central (1.10.0) predates Flink 2, so its FlinkVersion enum has
                // no v2_2; flinkVersion is checked against the pom in flinkDeploymentIsAnApplication... instead.
                doc = withoutFlinkVersion(doc);
            }
            schemas.violations(m.kind(), doc).forEach(v -> violations.add(m + ": " + v));
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void theSchemaCheckCatchesUnknownAndRemovedFields() {
        CustomResourceSchemas schemas = new CustomResourceSchemas();
        Manifest topic = manifests.ofKind("KafkaTopic").get(0);
        Map<String, Object> typo = deepCopy(topic.doc());
        asMap(typo.get("spec")).put("partitons", 3);
        assertEquals(List.of("KafkaTopic.spec: unknown field(s) [partitons]"), schemas.violations("KafkaTopic", typo));

        Map<String, Object> zookeeper = deepCopy(manifests.one("Kafka").doc());
        asMap(zookeeper.get("spec")).put("zookeeper", Map.of("replicas", 3, "storage", Map.of("type", "ephemeral")));
        assertTrue(schemas.violations("Kafka", zookeeper).contains("Kafka.spec.zookeeper: removed in kafka.strimzi.io/v1"),
                "ZooKeeper is gone from v1: " + schemas.violations("Kafka", zookeeper));

        Map<String, Object> flink = withoutFlinkVersion(manifests.one("FlinkDeployment").doc());
        asMap(asMap(flink.get("spec")).get("job")).put("entryclass", "x");
        List<String> flinkViolations = schemas.violations("FlinkDeployment", flink);
        assertEquals(1, flinkViolations.size(), flinkViolations.toString());
        assertTrue(flinkViolations.get(0).contains("entryclass"), flinkViolations.toString());
        assertTrue(CustomResourceSchemas.includesV1("v1beta2+") && !CustomResourceSchemas.includesV1("v1beta2")
                && CustomResourceSchemas.includesV1("v1alpha1-v1"));
    }

    @Test
    void everyManifestFileIsPartOfTheBuild() throws IOException {
        Set<Path> listed = new HashSet<>();
        manifests.all().forEach(m -> listed.add(m.file()));
        try (Stream<Path> files = Files.walk(deploy)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList()) {
                if (!f.getFileName().toString().equals("kustomization.yaml")) {
                    assertTrue(listed.contains(f.toRealPath()), f + " is not listed in any kustomization.yaml");
                }
            }
        }
    }

    @Test
    void kafkaRunsInKraftModeWithNodePools() {
        Manifest kafka = manifests.one("Kafka");
        assertEquals("enabled", kafka.at("metadata", "annotations", "strimzi.io/kraft"));
        assertEquals("enabled", kafka.at("metadata", "annotations", "strimzi.io/node-pools"));
        assertNull(kafka.at("spec", "zookeeper"), "KRaft: no ZooKeeper");
        assertNotNull(kafka.at("spec", "entityOperator", "topicOperator"), "KafkaTopics need the topic operator");
        assertFalse(listeners(kafka).isEmpty());
        for (Map<String, Object> l : listeners(kafka)) {
            for (String field : List.of("name", "port", "type", "tls")) {
                assertNotNull(l.get(field), "listener " + l + " needs " + field);
            }
        }
        long maxTxMs = ((Number) kafka.at("spec", "kafka", "config", "transaction.max.timeout.ms")).longValue();
        assertTrue(maxTxMs >= 15 * 60_000, "Flink's transactional sink needs a long transaction.max.timeout.ms");

        Set<String> roles = new HashSet<>();
        for (Manifest pool : manifests.ofKind("KafkaNodePool")) {
            assertEquals(kafka.name(), pool.at("metadata", "labels", "strimzi.io/cluster"), pool + " cluster label");
            assertTrue(((Number) pool.at("spec", "replicas")).intValue() >= 1, pool + " replicas");
            assertNotNull(pool.at("spec", "storage", "type"), pool + " storage");
            @SuppressWarnings("unchecked")
            List<String> poolRoles = (List<String>) pool.at("spec", "roles");
            assertTrue(Set.of("controller", "broker").containsAll(poolRoles), pool + " roles " + poolRoles);
            roles.addAll(poolRoles);
        }
        assertEquals(Set.of("controller", "broker"), roles, "KRaft needs controllers and brokers");
    }

    @Test
    void topicsMatchTheMonitorsTopicsAndConfigs() {
        String cluster = manifests.one("Kafka").name();
        int brokers = brokerCount();
        Map<String, Manifest> byTopic = new HashMap<>();
        for (Manifest t : manifests.ofKind("KafkaTopic")) {
            assertEquals(cluster, t.at("metadata", "labels", "strimzi.io/cluster"), t + " cluster label");
            String topic = String.valueOf(t.at("spec", "topicName"));
            assertTrue(((Number) t.at("spec", "partitions")).intValue() >= 1, t + " partitions");
            int replicas = ((Number) t.at("spec", "replicas")).intValue();
            assertTrue(replicas >= 1 && replicas <= brokers, t + " replicas " + replicas + " with " + brokers + " brokers");
            Object minIsr = t.at("spec", "config", "min.insync.replicas");
            assertTrue(minIsr == null || ((Number) minIsr).intValue() < replicas, t + ": min ISR must leave room for one broker down");
            byTopic.put(topic, t);
        }
        Map<String, Map<String, String>> expected = MonitorContract.topicConfigs();
        assertEquals(expected.keySet(), byTopic.keySet(), "topic names");
        // Every config the producer's TopicInitializer sets (compaction, record size) has the same value here.
        expected.forEach((topic, configs) -> configs.forEach((key, value) -> assertEquals(value,
                String.valueOf(byTopic.get(topic).at("spec", "config", key)), topic + " " + key)));
        assertEquals(MonitorContract.CHECKPOINT_MAX_MESSAGE_BYTES,
                byTopic.get(MonitorContract.CHECKPOINTS_TOPIC).at("spec", "config", "max.message.bytes"));
        // A dead letter carries the rejected checkpoint itself.
        assertTrue(((Number) byTopic.get(MonitorContract.DEAD_LETTERS_TOPIC).at("spec", "config", "max.message.bytes"))
                .intValue() >= MonitorContract.CHECKPOINT_MAX_MESSAGE_BYTES, "dead letters must take 64 MiB records");
        assertTrue(((Number) manifests.one("Kafka").at("spec", "kafka", "config", "replica.fetch.max.bytes")).intValue()
                >= MonitorContract.CHECKPOINT_MAX_MESSAGE_BYTES, "replicas must fetch 64 MiB records");
    }

    @Test
    void flinkDeploymentIsAnApplicationWithS3CheckpointsRestartsAndGpus() throws IOException {
        Manifest flink = manifests.one("FlinkDeployment");
        assertNotNull(flink.at("spec", "image"));
        assertEquals(flinkVersionOfThePom(), flink.at("spec", "flinkVersion"), "flinkVersion vs parent pom flink.version");
        String sa = String.valueOf(flink.at("spec", "serviceAccount"));
        assertTrue(manifests.find("ServiceAccount", sa).isPresent(), "service account " + sa);
        assertTrue(boundRoles(sa).size() >= 1, sa + " must be bound to a Role that lets it create task manager pods");
        for (String part : List.of("jobManager", "taskManager")) {
            assertNotNull(flink.at("spec", part, "resource", "cpu"), part + " cpu");
            assertNotNull(flink.at("spec", part, "resource", "memory"), part + " memory");
        }

        // Application mode: the job section makes the operator run the jar in its own cluster.
        String jarUri = String.valueOf(flink.at("spec", "job", "jarURI"));
        assertTrue(jarUri.startsWith("local:///opt/flink/usrlib/"), "jarURI " + jarUri);
        String dockerfile = Files.readString(deploy.resolve("flink/Dockerfile"));
        assertTrue(dockerfile.contains(URI.create(jarUri).getPath()), "the Dockerfile must COPY the jar to " + jarUri);
        Matcher built = Pattern.compile("COPY\\s+(?:--\\S+\\s+)*flink-job/target/(\\S+)\\s").matcher(dockerfile);
        assertTrue(built.find(), "the Dockerfile copies the job jar from flink-job/target");
        assertEquals(jobJarName(), built.group(1), "the jar flink-job's shade execution builds");
        assertEquals(MonitorContract.JOB_ENTRY_CLASS, flink.at("spec", "job", "entryClass"));
        assertTrue(Set.of("stateless", "savepoint", "last-state").contains(flink.at("spec", "job", "upgradeMode")));
        assertTrue(((Number) flink.at("spec", "job", "parallelism")).intValue() >= 1);

        Map<String, String> conf = flinkConfiguration(flink);
        String checkpoints = conf.get("execution.checkpointing.dir");
        assertTrue(checkpoints != null && checkpoints.startsWith("s3://"), "checkpoints to S3: " + checkpoints);
        assertNotNull(conf.get("execution.checkpointing.interval"));
        assertEquals("EXACTLY_ONCE", conf.get("execution.checkpointing.mode"));
        assertNotNull(conf.get("restart-strategy.type"), "restart strategy");
        assertTrue(conf.get("restart-strategy.type").matches("fixed-delay|exponential-delay|failure-rate"));
        assertTrue(List.of(String.valueOf(conf.get("external-resources")).split(";")).contains("gpu"));
        assertEquals(GPU_DRIVER_FACTORY, conf.get("external-resource.gpu.driver-factory.class"));
        assertEquals("nvidia.com/gpu", conf.get("external-resource.gpu.kubernetes.config-key"));
        int gpus = Integer.parseInt(String.valueOf(conf.get("external-resource.gpu.amount")));
        List<String> javaOpts = List.of(conf.get("env.java.opts.all").trim().split("\\s+"));
        assertTrue(javaOpts.containsAll(List.of("--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true")),
                "the monitor's JVM flags: " + javaOpts);
        for (String open : StandaloneFlinkCluster.FLINK_JAVA_OPENS) {
            assertTrue(javaOpts.contains(open), "env.java.opts.all needs " + open + " (FlinkClusterRunTest needs it too)");
        }

        Map<String, Object> tm = mainContainer(flink, "taskManager");
        assertEquals(gpus, ((Number) at(tm, "resources", "limits", "nvidia.com/gpu")).intValue(),
                "task managers request as many nvidia.com/gpu as external-resource.gpu.amount");
        assertEquals(MonitorContract.METRICS_PORT, containerPort(tm, "metrics"), "task manager metrics port");
        assertEquals(MonitorContract.FLINK_REPORTER_FACTORY, conf.get("metrics.reporter.prom.factory.class"));
        assertEquals(String.valueOf(MonitorContract.FLINK_METRICS_PORT), conf.get("metrics.reporter.prom.port"));
        assertEquals(MonitorContract.FLINK_METRICS_PORT, containerPort(tm, "flink-metrics"), "Flink reporter port");
        assertTrue(MonitorContract.FLINK_METRICS_PORT != MonitorContract.METRICS_PORT, "two servers, two ports");
        List<String> args = jobArgs(flink);
        assertEquals(String.valueOf(MonitorContract.METRICS_PORT), argAfter(args, "--metrics-port"));
        assertEquals("0.0.0.0", argAfter(args, "--metrics-host"), "Prometheus scrapes from outside the pod");
        assertEquals(String.valueOf(flink.at("spec", "job", "parallelism")), argAfter(args, "--parallelism"),
                "the job sets its parallelism itself");
        assertEquals(flinkDuration(conf.get("execution.checkpointing.interval")),
                java.time.Duration.parse(argAfter(args, "--checkpoint-interval")), "the job sets its checkpoint interval itself");
        assertEquals("djl", argAfter(args, "--engine"), "GPU task managers must run the GPU spectrum engine");
        Manifest kafka = manifests.one("Kafka");
        int plainPort = listeners(kafka).stream().filter(l -> Boolean.FALSE.equals(l.get("tls")))
                .map(l -> ((Number) l.get("port")).intValue()).findFirst().orElseThrow();
        assertEquals(kafka.name() + "-kafka-bootstrap:" + plainPort, argAfter(args, "--bootstrap-servers"),
                "the Strimzi bootstrap service of the Kafka cluster");
    }

    @Test
    void theImageTheJarAndTheReadmeAgreeWhereLibtorchComesFrom() throws IOException {
        String dockerfile = Files.readString(deploy.resolve("flink/Dockerfile"));
        String readme = Files.readString(deploy.resolve("README.md"));
        String pom = Files.readString(RepoFiles.root().resolve("flink-job/pom.xml"));
        Matcher env = Pattern.compile("PYTORCH_LIBRARY_PATH=(\\S+)").matcher(dockerfile);
        assertTrue(env.find(), "the image points DJL at libtorch");
        String libDir = env.group(1);
        Matcher copy = Pattern.compile("COPY\\s+(?:--\\S+\\s+)*deploy/flink/libtorch/\\s+(\\S+)").matcher(dockerfile);
        assertTrue(copy.find(), "the image copies deploy/flink/libtorch/");
        assertEquals(copy.group(1).replaceAll("/$", "") + "/lib", libDir, "PYTORCH_LIBRARY_PATH is the copied lib/");
        assertTrue(dockerfile.contains("PYTORCH_FLAVOR=cu128"), "the CUDA flavour whose libdjl_torch.so pytorch-jni carries");
        assertTrue(readme.contains("PYTORCH_LIBRARY_PATH=" + libDir) && readme.contains("deploy/flink/libtorch/"),
                "deploy/README says where libtorch goes, as the image does");
        assertTrue(pom.contains("<exclude>ai.djl.pytorch:pytorch-native-cpu</exclude>"), "the job jar carries no libtorch");
        assertFalse(dockerfile.contains("inside the job jar"), "the Dockerfile must not claim natives in the job jar");
        assertTrue(Files.readString(RepoFiles.root().resolve(".gitignore")).contains("deploy/flink/libtorch/"),
                "the unpacked libtorch never gets committed");
    }

    @Test
    void checkpointStorageEndpointAndBucketExist() {
        Map<String, String> conf = flinkConfiguration(manifests.one("FlinkDeployment"));
        URI endpoint = URI.create(String.valueOf(conf.get("s3.endpoint")));
        Manifest service = manifests.find("Service", endpoint.getHost()).orElseThrow(
                () -> new AssertionError("no Service " + endpoint.getHost() + " for s3.endpoint"));
        assertTrue(servicePorts(service).contains(endpoint.getPort()), "s3.endpoint port on Service " + service);
        String bucket = URI.create(String.valueOf(conf.get("execution.checkpointing.dir"))).getHost();
        String jobs = manifests.ofKind("Job").toString() + manifests.ofKind("Job").stream()
                .map(j -> String.valueOf(j.at("spec", "template", "spec", "containers"))).toList();
        assertTrue(jobs.contains("mc mb --ignore-existing aelle/" + bucket), "a Job creates bucket " + bucket);
    }

    @Test
    void prometheusScrapesTheTaskManagersMetricsEndpoint() {
        Manifest flink = manifests.one("FlinkDeployment");
        Manifest podMonitor = manifests.one("PodMonitor");
        // Flink's native Kubernetes mode labels task manager pods app=<cluster id>, component=taskmanager.
        assertEquals(Map.of("app", flink.name(), "component", "taskmanager"),
                podMonitor.at("spec", "selector", "matchLabels"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> endpoints = (List<Map<String, Object>>) podMonitor.at("spec", "podMetricsEndpoints");
        Map<Object, Object> pathByPort = new HashMap<>();
        endpoints.forEach(e -> pathByPort.put(e.get("port"), e.get("path")));
        assertEquals(Map.of("metrics", MonitorContract.METRICS_PATH, "flink-metrics", "/metrics"), pathByPort,
                "the monitor's /metrics and Flink's reporter, by the task manager's port names");

        Manifest prometheus = manifests.one("Prometheus");
        @SuppressWarnings("unchecked")
        Map<String, Object> selector = (Map<String, Object>) prometheus.at("spec", "podMonitorSelector", "matchLabels");
        @SuppressWarnings("unchecked")
        Map<String, Object> labels = (Map<String, Object>) podMonitor.at("metadata", "labels");
        assertTrue(labels.entrySet().containsAll(selector.entrySet()), "Prometheus selects the PodMonitor");
        String sa = String.valueOf(prometheus.at("spec", "serviceAccountName"));
        assertTrue(manifests.find("ServiceAccount", sa).isPresent() && !boundRoles(sa).isEmpty(), sa + " and its Role");
    }

    @Test
    void grafanaMountsTheGeneratedProvisioningAndReachesPrometheus() throws IOException {
        Manifest grafana = manifests.find("Deployment", "grafana").orElseThrow();
        Set<String> generated = new HashSet<>();
        for (Map.Entry<Path, Map<String, Object>> k : manifests.kustomizations().entrySet()) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> gens = (List<Map<String, Object>>) k.getValue().getOrDefault("configMapGenerator", List.of());
            for (Map<String, Object> gen : gens) {
                generated.add(String.valueOf(gen.get("name")));
                for (Object f : (List<?>) gen.get("files")) {
                    assertTrue(Files.isRegularFile(k.getKey().resolve(String.valueOf(f))), "generator file " + f);
                }
            }
        }
        Map<String, String> mountByConfigMap = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> volumes = (List<Map<String, Object>>) grafana.at("spec", "template", "spec", "volumes");
        Map<String, Object> container = containers(grafana).get(0);
        for (Map<String, Object> v : volumes) {
            String cm = String.valueOf(at(v, "configMap", "name"));
            assertTrue(generated.contains(cm), "Grafana mounts ConfigMap " + cm + " that no generator makes");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> mounts = (List<Map<String, Object>>) container.get("volumeMounts");
            mounts.stream().filter(m -> v.get("name").equals(m.get("name")))
                    .forEach(m -> mountByConfigMap.put(cm, String.valueOf(m.get("mountPath"))));
        }
        assertEquals("/etc/grafana/provisioning/datasources", mountByConfigMap.get("aelle-grafana-datasources"));
        assertEquals("/etc/grafana/provisioning/dashboards", mountByConfigMap.get("aelle-grafana-dashboard-providers"));
        Object provider = firstEntry(
                RepoFiles.root().resolve("dashboards/provisioning/dashboards/aelle.yaml"), "providers");
        assertEquals(at(provider, "options", "path"), mountByConfigMap.get("aelle-grafana-dashboards"),
                "the dashboard provider reads the folder the dashboards ConfigMap is mounted at");

        String url = env(container).get("PROMETHEUS_URL");
        URI prometheusUri = URI.create(url);
        Manifest service = manifests.find("Service", prometheusUri.getHost()).orElseThrow();
        assertTrue(servicePorts(service).contains(prometheusUri.getPort()), url);
        assertEquals(Map.of("prometheus", manifests.one("Prometheus").name()), service.at("spec", "selector"),
                "the Service selects the pods the Prometheus Operator makes for Prometheus "
                        + manifests.one("Prometheus").name());
        String datasource = Files.readString(RepoFiles.root().resolve("dashboards/provisioning/datasources/prometheus.yaml"));
        assertTrue(datasource.contains("url: ${PROMETHEUS_URL}"), "the datasource reads PROMETHEUS_URL");
    }

    @Test
    void workloadsAreWellFormed() throws IOException {
        String readme = Files.readString(deploy.resolve("README.md"));
        for (Manifest m : manifests.all()) {
            switch (m.kind()) {
                case "Deployment", "Job" -> {
                    Object template = m.at("spec", "template", "metadata", "labels");
                    if (m.kind().equals("Deployment")) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> sel = (Map<String, Object>) m.at("spec", "selector", "matchLabels");
                        assertTrue(sel != null && template instanceof Map<?, ?> t && t.entrySet().containsAll(sel.entrySet()),
                                m + ": selector must match the pod template's labels");
                    } else {
                        assertTrue(Set.of("Never", "OnFailure").contains(m.at("spec", "template", "spec", "restartPolicy")));
                    }
                    for (Map<String, Object> c : containers(m)) {
                        String image = String.valueOf(c.get("image"));
                        assertTrue(image.contains(":") && !image.endsWith(":latest"), m + ": pin image " + image);
                        assertNotNull(c.get("name"));
                    }
                    // Secrets are made by hand (README step), never committed.
                    for (String secret : referencedSecrets(m.doc())) {
                        assertTrue(readme.contains("create secret generic " + secret), "README must create Secret " + secret);
                    }
                }
                case "Service" -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> sel = (Map<String, Object>) m.at("spec", "selector");
                    assertTrue(sel != null && !sel.isEmpty(), m + " selector");
                    assertFalse(servicePorts(m).isEmpty(), m + " ports");
                }
                case "RoleBinding" -> {
                    assertTrue(manifests.find("Role", String.valueOf(m.at("roleRef", "name"))).isPresent(), m + " roleRef");
                    for (Object s : (List<?>) m.at("subjects")) {
                        assertTrue(manifests.find("ServiceAccount", String.valueOf(at(s, "name"))).isPresent(), m + " subject " + s);
                    }
                }
                case "PersistentVolumeClaim" -> assertNotNull(m.at("spec", "resources", "requests", "storage"), m + " size");
                default -> { }
            }
        }
        for (Manifest secretUser : manifests.ofKind("FlinkDeployment")) {
            for (String secret : referencedSecrets(secretUser.doc())) {
                assertTrue(readme.contains("create secret generic " + secret), "README must create Secret " + secret);
            }
        }
    }

    @Test
    void kubectlBuildsTheKustomization() throws Exception {
        assumeTrue(onPath("kubectl"), "kubectl is not installed: the kustomize build check is skipped");
        Process p = new ProcessBuilder("kubectl", "kustomize", deploy.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<Map<String, Object>> built = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(out)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> d = (Map<String, Object>) doc;
            built.add(d);
            assertEquals("aelle", at(d, "metadata", "namespace"), "every object lands in namespace aelle: " + at(d, "metadata", "name"));
        }
        long configMaps = built.stream().filter(d -> "ConfigMap".equals(d.get("kind"))).count();
        assertEquals(manifests.all().size() + 3, built.size(), "the listed manifests plus three generated ConfigMaps");
        assertEquals(3, configMaps);
        assertTrue(out.contains("aelle-monitor.json: |"), "the dashboard JSON is inside a ConfigMap");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static Map<String, Object> withoutFlinkVersion(Map<String, Object> flinkDeployment) {
        Map<String, Object> copy = deepCopy(flinkDeployment);
        asMap(copy.get("spec")).remove("flinkVersion");
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> doc) {
        Yaml yaml = new Yaml();
        return (Map<String, Object>) yaml.load(yaml.dump(doc));
    }

    private static int brokerCount() {
        return manifests.ofKind("KafkaNodePool").stream()
                .filter(p -> ((List<?>) p.at("spec", "roles")).contains("broker"))
                .mapToInt(p -> ((Number) p.at("spec", "replicas")).intValue()).sum();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> listeners(Manifest kafka) {
        return (List<Map<String, Object>>) kafka.at("spec", "kafka", "listeners");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> flinkConfiguration(Manifest flink) {
        Map<String, Object> raw = (Map<String, Object>) flink.at("spec", "flinkConfiguration");
        Map<String, String> conf = new HashMap<>();
        raw.forEach((k, v) -> conf.put(k, String.valueOf(v)));
        return conf;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mainContainer(Manifest flink, String part) {
        List<Map<String, Object>> cs = (List<Map<String, Object>>) flink.at("spec", part, "podTemplate", "spec", "containers");
        return cs.stream().filter(c -> "flink-main-container".equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(part + " pod template needs container flink-main-container"));
    }

    private static int containerPort(Map<String, Object> container, String name) {
        for (Object p : (List<?>) container.get("ports")) {
            if (name.equals(at(p, "name"))) {
                return ((Number) at(p, "containerPort")).intValue();
            }
        }
        throw new AssertionError("no container port named " + name);
    }

    private static List<String> jobArgs(Manifest flink) {
        return ((List<?>) flink.at("spec", "job", "args")).stream().map(String::valueOf).toList();
    }

    private static String argAfter(List<String> args, String option) {
        int i = args.indexOf(option);
        assertTrue(i >= 0 && i + 1 < args.size(), "job args need " + option + " VALUE: " + args);
        return args.get(i + 1);
    }

    /** A Flink duration such as 30s, 10min, 500ms. */
    private static java.time.Duration flinkDuration(String text) {
        Matcher m = Pattern.compile("(\\d+)\\s*(ms|s|min|h)").matcher(text.trim());
        assertTrue(m.matches(), "duration " + text);
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> java.time.Duration.ofMillis(n);
            case "s" -> java.time.Duration.ofSeconds(n);
            case "min" -> java.time.Duration.ofMinutes(n);
            default -> java.time.Duration.ofHours(n);
        };
    }

    private static Set<Integer> servicePorts(Manifest service) {
        Set<Integer> ports = new HashSet<>();
        for (Object p : (List<?>) service.at("spec", "ports")) {
            ports.add(((Number) at(p, "port")).intValue());
        }
        return ports;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> containers(Manifest m) {
        return (List<Map<String, Object>>) m.at("spec", "template", "spec", "containers");
    }

    private static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> env = new HashMap<>();
        for (Object e : (List<?>) container.get("env")) {
            if (at(e, "value") != null) {
                env.put(String.valueOf(at(e, "name")), String.valueOf(at(e, "value")));
            }
        }
        return env;
    }

    private static List<String> boundRoles(String serviceAccount) {
        return manifests.ofKind("RoleBinding").stream()
                .filter(b -> ((List<?>) b.at("subjects")).stream().anyMatch(s -> serviceAccount.equals(at(s, "name"))))
                .map(b -> String.valueOf(b.at("roleRef", "name"))).toList();
    }

    /** Secret names in secretKeyRef / secretRef anywhere in a document. */
    private static Set<String> referencedSecrets(Object node) {
        Set<String> names = new HashSet<>();
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (("secretKeyRef".equals(e.getKey()) || "secretRef".equals(e.getKey())) && e.getValue() instanceof Map<?, ?> ref) {
                    names.add(String.valueOf(ref.get("name")));
                }
                names.addAll(referencedSecrets(e.getValue()));
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> names.addAll(referencedSecrets(item)));
        }
        return names;
    }

    /** v2_2 for flink.version 2.2.1 in the parent pom: the operator's FlinkVersion names major_minor. */
    private static String flinkVersionOfThePom() throws IOException {
        Matcher m = Pattern.compile("<flink.version>(\\d+)\\.(\\d+)\\.\\d+</flink.version>")
                .matcher(Files.readString(RepoFiles.root().resolve("pom.xml")));
        assertTrue(m.find(), "parent pom flink.version");
        return "v" + m.group(1) + "_" + m.group(2);
    }

    /** The job jar flink-job's shade execution writes (its outputFile in target/). */
    private static String jobJarName() throws IOException {
        String pom = Files.readString(RepoFiles.root().resolve("flink-job/pom.xml"));
        Matcher out = Pattern.compile("<outputFile>\\$\\{project.build.directory}/([^<]+\\.jar)</outputFile>").matcher(pom);
        assertTrue(out.find(), "flink-job/pom.xml needs a shade execution writing the job jar to target/");
        return out.group(1);
    }

    private static Object firstEntry(Path yaml, String key) throws IOException {
        return ((List<?>) KubernetesManifests.readOne(yaml).get(key)).get(0);
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
