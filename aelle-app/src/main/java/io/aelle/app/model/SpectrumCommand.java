package io.aelle.app.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aelle.model.lyapunov.CpuSpectrumEngine;
import io.aelle.model.lyapunov.RecurrentNetwork;
import io.aelle.model.lyapunov.SpectrumInterpolator;
import io.aelle.model.lyapunov.SpectrumResult;
import io.aelle.model.lyapunov.SpectrumSettings;
import io.aelle.wire.checkpoint.CheckpointMetadata;
import io.aelle.wire.checkpoint.Convention;
import io.aelle.wire.checkpoint.SafetensorsFile;
import io.aelle.wire.checkpoint.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spectrum}: the Lyapunov spectrum of one checkpoint driven by a file of inputs (B, T, I). */
@Command(name = "spectrum", mixinStandardHelpOptions = true,
        description = {"Computes the Lyapunov spectrum of a recurrent checkpoint (safetensors, PyTorch names).",
                "Driven by inputs of shape (B, T, I): one spectrum per sequence and their mean, exponents in QR column order. Bad files or mismatched shapes: a one-line error and exit status 2."})
public final class SpectrumCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "FILE",
            description = "safetensors checkpoint; aelle.arch / aelle.layer_prefix metadata override inference")
    Path checkpoint;

    @Option(names = "--inputs", required = true, paramLabel = "FILE",
            description = "safetensors file with a tensor 'inputs' of shape (B, T, I) (a probe file works)")
    Path inputs;

    @Option(names = "--convention", defaultValue = "reference", paramLabel = "reference|benettin",
            description = "reference (AeLLE code: Z = Jᵀ Q, log2, warm-up replay) or benettin (Z = J Q, ln, discard); default ${DEFAULT-VALUE}")
    String convention;

    @Option(names = "--warmup", defaultValue = "500", paramLabel = "W",
            description = "reference: steps replayed before measuring (at most T); default ${DEFAULT-VALUE}")
    int warmup;

    @Option(names = "--discard", defaultValue = "0", paramLabel = "D",
            description = "benettin: leading steps whose R is dropped; default ${DEFAULT-VALUE}")
    int discard;

    @Option(names = "--exponents", defaultValue = "0", paramLabel = "K",
            description = "track only the first K exponents (0 = all); default ${DEFAULT-VALUE}")
    int exponents;

    @Option(names = "--interpolate", paramLabel = "L",
            description = "interpolate the mean spectrum to length L (midpoint doubling when L = N·2^k, else linear)")
    Integer interpolate;

    @Option(names = "--format", defaultValue = "text", paramLabel = "json|text", description = "output format; default ${DEFAULT-VALUE}")
    String format;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
            description = "sequences computed in parallel (results do not depend on it); default ${DEFAULT-VALUE}")
    int threads;

    @Option(names = "--orthonormalize-every", defaultValue = "0", paramLabel = "M",
            description = "longest block of steps between QRs, guarded (0 = engine default "
                    + CpuSpectrumEngine.DEFAULT_ORTHONORMALIZE_EVERY + ", 1 = every step)")
    int orthonormalizeEvery;

    @Override
    public Integer call() throws IOException {
        Convention conv = Convention.parse(convention);
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("json") && !fmt.equals("text")) {
            throw new IllegalArgumentException("--format must be json or text, got '" + format + "'");
        }
        if (interpolate != null && interpolate < 1) {
            throw new IllegalArgumentException("--interpolate must be >= 1, got " + interpolate);
        }
        SpectrumSettings settings = new SpectrumSettings(conv, warmup, discard, exponents, orthonormalizeEvery);
        RecurrentNetwork network = readNetwork(checkpoint);
        Tensor x = readInputs(inputs);

        long start = System.nanoTime();
        SpectrumResult result;
        PrintWriter err = spec.commandLine().getErr();
        try (CpuSpectrumEngine engine = new CpuSpectrumEngine(threads)) {
            if (x.dim(0) > 1) {
                engine.setProgressListener(done -> {
                    err.printf("\rspectrum: sequence %d/%d%s", done, x.dim(0), done == x.dim(0) ? System.lineSeparator() : "");
                    err.flush();
                });
            }
            result = engine.compute(network, x, settings);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] mean = interpolate == null ? result.mean() : SpectrumInterpolator.interpolate(result.mean(), interpolate);

        PrintWriter out = spec.commandLine().getOut();
        if (fmt.equals("json")) {
            ObjectMapper json = new ObjectMapper();
            ObjectNode o = json.createObjectNode();
            o.put("arch", network.arch().id());
            o.put("layers", network.layers());
            o.put("hidden_size", network.hiddenSize());
            o.put("convention", conv.id());
            ArrayNode per = o.putArray("per_sequence");
            for (double[] s : result.perSequence()) {
                ArrayNode row = per.addArray();
                for (double v : s) {
                    row.add(v);
                }
            }
            ArrayNode m = o.putArray("mean");
            for (double v : mean) {
                m.add(v);
            }
            o.put("seconds", seconds);
            out.println(json.writeValueAsString(o));
        } else {
            out.printf(Locale.ROOT, "%s: %d sequence(s) of %d steps, convention %s (%s per step), %.3f s%n", network,
                    x.dim(0), x.dim(1), conv.id(), conv == Convention.REFERENCE ? "bits" : "nats", seconds);
            out.printf(Locale.ROOT, "mean spectrum (%d values%s):%n", mean.length,
                    interpolate == null ? "" : ", interpolated from " + result.mean().length);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < mean.length; i++) {
                line.append(String.format(Locale.ROOT, "%10.5f", mean[i]));
                if (i % 8 == 7 || i == mean.length - 1) {
                    out.println(line);
                    line.setLength(0);
                }
            }
        }
        out.flush();
        return 0;
    }

    static RecurrentNetwork readNetwork(Path file) throws IOException {
        SafetensorsFile f = read(file, "checkpoint");
        try {
            return RecurrentNetwork.fromTensors(f.tensors(), f.metadata().get(CheckpointMetadata.ARCH),
                    f.metadata().get(CheckpointMetadata.LAYER_PREFIX));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    static Tensor readInputs(Path file) throws IOException {
        SafetensorsFile f = read(file, "inputs");
        Tensor t = f.tensor("inputs");
        if (t == null && f.tensors().size() == 1) {
            t = f.tensors().values().iterator().next();
        }
        if (t == null) {
            throw new IllegalArgumentException("inputs " + file + ": no tensor named 'inputs' among " + f.tensors().keySet());
        }
        if (t.rank() != 3) {
            throw new IllegalArgumentException("inputs " + file + ": tensor '" + t.name() + "' must have shape (B, T, I), got "
                    + t.shapeString());
        }
        return t;
    }

    private static SafetensorsFile read(Path file, String what) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(what + " file " + file + " does not exist or is not a file");
        }
        try {
            return SafetensorsFile.read(file);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " " + file + " is not a valid safetensors file: " + e.getMessage(), e);
        }
    }
}
