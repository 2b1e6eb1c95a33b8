package io.aelle.monitor.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A standalone Flink session cluster as separate JVM processes on loopback: one JobManager
 * ({@code StandaloneSessionClusterEntrypoint}) and N TaskManagers ({@code TaskManagerRunner}), started from
 * Flink's own artifacts (the classpath Maven resolved), driven through the REST API like {@code flink run}.
 */
final class StandaloneFlinkCluster implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * What Flink's distribution puts in env.java.default-opts.all for Java 17: Flink's runtime reflects into
     * these JDK packages (without java.util, building the job graph fails with InaccessibleObjectException).
     */
    static final List<String> FLINK_JAVA_OPENS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private static final String JOB_MANAGER = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASK_MANAGER = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";

    private final Path dir;
    private final URI rest;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Process jobManager;
    private final List<Process> taskManagers = new ArrayList<>();

    private StandaloneFlinkCluster(Path dir, URI rest, Process jobManager) {
        this.dir = dir;
        this.rest = rest;
        this.jobManager = jobManager;
    }

    /**
     * Starts the JobManager and {@code taskManagers} TaskManagers with {@code slots} slots each, and returns once
     * all of them are registered.
     */
    static StandaloneFlinkCluster start(Path dir, String classpath, int taskManagers, int slots,
                                        Map<String, String> extraConfig) throws IOException {
        Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(dir.resolve("log"));
        int restPort = PrometheusServer.freePort();
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("jobmanager.rpc.address", "127.0.0.1");
        conf.put("jobmanager.rpc.port", Integer.toString(PrometheusServer.freePort()));
        conf.put("jobmanager.bind-host", "127.0.0.1");
        conf.put("rest.address", "127.0.0.1");
        conf.put("rest.bind-address", "127.0.0.1");
        conf.put("rest.port", Integer.toString(restPort));
        conf.put("taskmanager.host", "127.0.0.1");
        conf.put("taskmanager.bind-host", "127.0.0.1");
        conf.put("taskmanager.rpc.port", "0");
        conf.put("taskmanager.data.port", "0");
        conf.put("blob.server.port", "0");
        conf.put("taskmanager.numberOfTaskSlots", Integer.toString(slots));
        // Small JVMs: this machine is shared.
        conf.put("jobmanager.memory.process.size", "1g");
        // What flink's start scripts derive (BashJavaUtils) and pass to a TaskManager, set explicitly; the JVM's
        // -Xmx and -XX:MaxDirectMemorySize in launch() cover framework + task heap and off-heap + network.
        conf.put("taskmanager.cpu.cores", Integer.toString(slots));
        conf.put("taskmanager.memory.framework.heap.size", "128m");
        conf.put("taskmanager.memory.task.heap.size", "192m");
        conf.put("taskmanager.memory.framework.off-heap.size", "128m");
        conf.put("taskmanager.memory.task.off-heap.size", "0m");
        conf.put("taskmanager.memory.managed.size", "32m");
        conf.put("taskmanager.memory.network.min", "32m");
        conf.put("taskmanager.memory.network.max", "32m");
        conf.put("taskmanager.memory.jvm-metaspace.size", "256m");
        conf.put("taskmanager.memory.jvm-overhead.min", "64m");
        conf.put("taskmanager.memory.jvm-overhead.max", "64m");
        // A killed TaskManager is noticed in seconds, not the default 50 s.
        conf.put("heartbeat.interval", "1000");
        conf.put("heartbeat.timeout", "8000");
        // Spread the job over both TaskManagers (Flink 2: replaces cluster.evenly-spread-out-slots).
        conf.put("taskmanager.load-balance.mode", "slots");
        conf.put("io.tmp.dirs", dir.resolve("tmp").toString());
        conf.put("web.tmpdir", dir.resolve("web").toString());
        conf.put("web.upload.dir", dir.resolve("upload").toString());
        conf.put("rest.server.max-content-length", Integer.toString(200 << 20));
        conf.putAll(extraConfig);
        StringBuilder yaml = new StringBuilder();
        conf.forEach((k, v) -> yaml.append(k).append(": ").append(quote(v)).append('\n'));
        Files.writeString(dir.resolve("conf/config.yaml"), yaml);
        Files.createDirectories(dir.resolve("tmp"));

        Process jm = launch(dir, classpath, "jobmanager", JOB_MANAGER, "384m");
        StandaloneFlinkCluster cluster = new StandaloneFlinkCluster(dir, URI.create("http://127.0.0.1:" + restPort), jm);
        try {
            cluster.await(Duration.ofSeconds(90), () -> cluster.get("/overview") != null, "the JobManager's REST API");
            for (int i = 0; i < taskManagers; i++) {
                cluster.taskManagers.add(launch(dir, classpath, "taskmanager-" + i, TASK_MANAGER, "384m"));
            }
            cluster.await(Duration.ofSeconds(90), () -> cluster.registeredTaskManagers() == taskManagers,
                    taskManagers + " registered TaskManagers");
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private static Process launch(Path dir, String classpath, String name, String mainClass, String heap) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx" + heap, "-XX:MaxDirectMemorySize=256m", "-Xss4m",
                "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true",
                "-Djava.io.tmpdir=" + dir.resolve("tmp"), "-Dorg.slf4j.simpleLogger.defaultLogLevel=info"));
        cmd.addAll(FLINK_JAVA_OPENS);
        cmd.addAll(List.of("-cp", classpath, mainClass, "--configDir", dir.resolve("conf").toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("log/" + name + ".log").toFile()).start();
    }

    URI rest() {
        return rest;
    }

    int registeredTaskManagers() {
        JsonNode tms = get("/taskmanagers");
        return tms == null ? -1 : tms.path("taskmanagers").size();
    }

    /** Kills TaskManager {@code i} at once (SIGKILL): no clean shutdown, as when a machine dies. */
    void killTaskManager(int i) throws InterruptedException {
        Process p = taskManagers.get(i);
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    /** POST /jars/upload; returns the jar id. */
    String uploadJar(Path jar) throws IOException, InterruptedException {
        String boundary = "----aelle" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(rest.resolve("/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(r.body());
        if (r.statusCode() != 200 || !"success".equals(json.path("status").asText())) {
            throw new IOException("jar upload failed (" + r.statusCode() + "): " + r.body());
        }
        return Path.of(json.path("filename").asText()).getFileName().toString();
    }

    /** POST /jars/:id/run; returns the job id. */
    String runJar(String jarId, String entryClass, List<String> args, int parallelism) throws IOException, InterruptedException {
        ObjectNode req = JSON.createObjectNode();
        req.put("entryClass", entryClass);
        req.put("parallelism", parallelism);
        args.forEach(req.putArray("programArgsList")::add);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(rest.resolve("/jars/" + jarId + "/run"))
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(3))
                .POST(HttpRequest.BodyPublishers.ofString(req.toString())).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(r.body());
        if (r.statusCode() != 200 || !json.hasNonNull("jobid")) {
            throw new IOException("jar run failed (" + r.statusCode() + "): " + r.body());
        }
        return json.path("jobid").asText();
    }

    String jobState(String jobId) {
        JsonNode job = get("/jobs/" + jobId);
        return job == null ? "UNKNOWN" : job.path("state").asText();
    }

    /** Whether the job is RUNNING with every subtask RUNNING (not just scheduled). */
    boolean allTasksRunning(String jobId) {
        JsonNode job = get("/jobs/" + jobId);
        if (job == null || !"RUNNING".equals(job.path("state").asText())) {
            return false;
        }
        for (JsonNode v : job.path("vertices")) {
            if (v.path("tasks").path("RUNNING").asInt() != v.path("parallelism").asInt()) {
                return false;
            }
        }
        return true;
    }

    long completedCheckpoints(String jobId) {
        JsonNode cp = get("/jobs/" + jobId + "/checkpoints");
        return cp == null ? 0 : cp.path("counts").path("completed").asLong();
    }

    long restarts(String jobId) {
        JsonNode m = get("/jobs/" + jobId + "/metrics?get=numRestarts");
        return m == null || m.isEmpty() ? 0 : m.get(0).path("value").asLong();
    }

    /** The subtasks per TaskManager: which TaskManager (by host:port) runs how many tasks of the job. */
    Map<String, Integer> tasksPerTaskManager(String jobId) {
        Map<String, Integer> out = new LinkedHashMap<>();
        JsonNode job = get("/jobs/" + jobId);
        if (job == null) {
            return out;
        }
        for (JsonNode v : job.path("vertices")) {
            JsonNode tms = get("/jobs/" + jobId + "/vertices/" + v.path("id").asText() + "/taskmanagers");
            if (tms != null) {
                for (JsonNode tm : tms.path("taskmanagers")) {
                    out.merge(tm.path("taskmanager-id").asText(), tm.path("status-counts").path("RUNNING").asInt(), Integer::sum);
                }
            }
        }
        return out;
    }

    void cancel(String jobId) {
        try {
            http.send(HttpRequest.newBuilder(rest.resolve("/jobs/" + jobId + "?mode=cancel"))
                    .method("PATCH", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // the cluster is going down anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** GET a REST resource; null when the cluster does not answer (yet) or answers with an error. */
    JsonNode get(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(rest.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    void await(Duration timeout, java.util.function.BooleanSupplier condition, String what) {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            if (!jobManager.isAlive()) {
                throw new IllegalStateException("the JobManager exited (" + jobManager.exitValue() + ") while waiting for "
                        + what + "; log: " + tail("jobmanager"));
            }
            if (condition.getAsBoolean()) {
                return;
            }
            PrometheusServer.sleep(500);
        }
        throw new IllegalStateException("timed out after " + timeout + " waiting for " + what
                + "; JobManager log: " + tail("jobmanager"));
    }

    /** The last lines of a process log (for failure messages). */
    String tail(String name) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("log/" + name + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    Path logs() {
        return dir.resolve("log");
    }

    @Override
    public void close() {
        List<Process> all = new ArrayList<>(taskManagers);
        all.add(jobManager);
        for (Process p : all) {
            p.destroy();
        }
        for (Process p : all) {
            try {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String quote(String v) {
        return "'" + v.replace("'", "''") + "'";
    }
}
