package io.aelle.monitor.job;

import io.aelle.monitor.cli.AelleMonitorCli;

/**
 * Entry class for {@code flink run -c io.aelle.monitor.job.MonitorMain JAR --bootstrap-servers ...}: the same
 * options as {@code ./aelle-monitor run}, but the job goes to the cluster that runs this main method.
 */
public final class MonitorMain {

    private MonitorMain() {}

    public static void main(String[] args) throws Exception {
        int code = AelleMonitorCli.commandLine().execute(prepend("submit", args));
        if (code != 0) {
            throw new IllegalArgumentException("aelle-monitor job submission failed (exit " + code + ")");
        }
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
