package io.aelle.app;

import io.aelle.app.model.BenchLyapunovCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bench}: benchmarks that print figures (one JSON line per case); each subsystem adds its own subcommand. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks printing one JSON line per case.",
        subcommands = {
                BenchLyapunovCommand.class,
                io.aelle.app.bench.BenchStreamCommand.class,
                io.aelle.app.model.BenchEmbeddingCommand.class,
                io.aelle.app.model.BenchPruningCommand.class,
        })
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
