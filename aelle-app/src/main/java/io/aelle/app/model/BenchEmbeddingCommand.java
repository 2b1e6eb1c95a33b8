package io.aelle.app.model;

import io.aelle.model.embedding.Embedding;
import io.aelle.model.embedding.Projection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aelle-monitor bench embedding}: projections per second of a bundle, one thread and several (one JSON line). */
@Command(name = "embedding", mixinStandardHelpOptions = true,
        description = "Measure Embedding.project throughput (spectra per second) on random spectra.")
public final class BenchEmbeddingCommand implements Callable<Integer> {

    @Option(names = "--bundle", description = "bundle directory (default: the shipped smnist-demo bundle)")
    Path bundle;

    @Option(names = "--threads", defaultValue = "2", description = "threads for the concurrent figure (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--seconds", defaultValue = "3", description = "measuring time per figure (default ${DEFAULT-VALUE})")
    double seconds;

    @Override
    public Integer call() throws Exception {
        if (threads < 1 || !(seconds > 0)) {
            throw new IllegalArgumentException("--threads must be >= 1 and --seconds > 0, got " + threads + " and " + seconds);
        }
        Embedding e = bundle != null ? Embedding.load(bundle) : Embedding.loadShipped("smnist-demo");
        Random r = new Random(1);
        double[][] spectra = new double[256][e.spectrumLength()];
        for (double[] s : spectra) {
            for (int i = 0; i < s.length; i++) {
                s[i] = -3.0 * i / s.length + 0.1 * r.nextGaussian();
            }
        }
        run(e, spectra, 1, seconds / 3);   // warm-up
        double one = run(e, spectra, 1, seconds);
        double many = run(e, spectra, threads, seconds);
        System.out.printf(Locale.ROOT, "{\"bench\":\"embedding\",\"study\":\"%s\",\"embedding\":\"%s\",\"spectrum_length\":%d,"
                + "\"projections_per_s_1_thread\":%.0f,\"threads\":%d,\"projections_per_s\":%.0f}%n",
                e.study(), e.type().id(), e.spectrumLength(), one, threads, many);
        return 0;
    }

    private static double run(Embedding e, double[][] spectra, int threads, double seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long end = System.nanoTime() + (long) (seconds * 1e9);
            long start = System.nanoTime();
            List<Future<Long>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                fs.add(pool.submit(() -> {
                    long n = 0;
                    double sink = 0;
                    while (System.nanoTime() < end) {
                        Projection p = e.project(spectra[(int) (n % spectra.length)]);
                        sink += p.pc1();
                        n++;
                    }
                    return sink == 42 ? n + 1 : n;   // keeps the JIT from dropping the work
                }));
            }
            long total = 0;
            for (Future<Long> f : fs) {
                total += f.get();
            }
            return total / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}
