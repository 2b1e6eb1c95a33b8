package io.aelle.app;

import io.aelle.model.djl.DjlThreads;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code ./aelle-monitor}. Each subcommand lives beside the code it drives (its own module)
 * and is registered here, the one module that sees them all.
 */
@Command(name = "aelle-monitor",
        mixinStandardHelpOptions = true,
        version = "AeLLE Monitor 0.1.0",
        description = "Watches recurrent networks while they train and says early which variants will end up accurate.",
        subcommands = {
                CommandLine.HelpCommand.class,
                io.aelle.app.producer.KafkaCommand.class,
                io.aelle.app.producer.InitTopicsCommand.class,
                io.aelle.app.producer.PublishCommand.class,
                io.aelle.app.producer.PublishProbeCommand.class,
                io.aelle.app.producer.PublishBundleCommand.class,
                io.aelle.app.producer.TrainerCommand.class,
                io.aelle.app.producer.AttachCommand.class,
                io.aelle.app.producer.SweepCommand.class,
                io.aelle.app.producer.DataCommand.class,
                io.aelle.app.model.SpectrumCommand.class,
                BenchCommand.class,
                RunCommand.class,
                io.aelle.app.demo.DemoCommand.class,
                io.aelle.app.model.DatasetCommand.class,
                io.aelle.app.model.TrainCommand.class,
                io.aelle.app.model.EvaluateCommand.class,
                        })
public final class AelleMonitorCli implements Callable<Integer> {

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new AelleMonitorCli());
        // aelle-model has no Kafka: the dataset command gets its --from kafka source here.
        io.aelle.app.model.DatasetCommand.addSource(cl.getSubcommands().get("dataset"), io.aelle.app.model.DatasetCommand.KAFKA,
                new io.aelle.app.producer.KafkaStudySource());
        // Expected user errors: one line, no stack trace, exit status 2.
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof java.io.IOException
                    || ex instanceof java.io.UncheckedIOException) {
                cmd.getErr().println("error: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cl;
    }

    public static void main(String[] args) {
        DjlThreads.oneThreadUnlessSet(); // JVM-wide, before any command loads DJL's engine
        int code = commandLine().execute(args);
        // Embedded brokers and Flink leave non-daemon threads behind; the CLI owns the process.
        System.exit(code);
    }
}
