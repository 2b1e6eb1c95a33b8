package io.aelle.app.producer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.broker.EmbeddedKafka;
import io.aelle.broker.TopicReader;
import io.aelle.producer.kafka.TestCheckpoints;
import io.aelle.wire.checkpoint.Probe;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The producer-side commands, run through picocli against an embedded broker. */
class ProducerCommandsTest {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    private static int run(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }

    @Test
    void everyCommandHasHelp() {
        for (Object c : List.of(new KafkaCommand(), new InitTopicsCommand(), new PublishCommand(), new PublishProbeCommand(), new AttachCommand())) {
            StringWriter out = new StringWriter();
            CommandLine cl = new CommandLine(c);
            cl.setOut(new PrintWriter(out));
            assertEquals(0, cl.execute("--help"), c.getClass().getSimpleName());
            assertTrue(out.toString().contains("Usage:"), out.toString());
        }
        StringWriter kafkaHelp = new StringWriter();
        CommandLine cl = new CommandLine(new KafkaCommand());
        cl.setOut(new PrintWriter(kafkaHelp));
        cl.execute("--help");
        assertTrue(kafkaHelp.toString().contains("--data-dir"), kafkaHelp.toString());
    }

    @Test
    void initTopicsPublishAndPublishProbe(@TempDir Path dir) throws Exception {
        String bootstrap = "--bootstrap-servers=" + kafka.bootstrapServers();
        assertEquals(0, run(new InitTopicsCommand(), bootstrap, "--checkpoints-topic=cli.checkpoints", "--outcomes-topic=cli.outcomes",
                "--probes-topic=cli.probes", "--verdicts-topic=cli.verdicts", "--dead-letters-topic=cli.dead-letters", "--partitions=1"));

        Path checkpoint = dir.resolve("a.safetensors");
        byte[] bytes = TestCheckpoints.rnn("run-cli", "study-cli", 2, 4, 8, 0, 5).toBytes();
        Files.write(checkpoint, bytes);
        Path outcome = dir.resolve("run-cli.outcome.json");
        Files.writeString(outcome, "{\"run_id\":\"run-cli\",\"study_id\":\"study-cli\",\"final_val_loss\":0.2,\"epochs_completed\":4,"
                + "\"status\":\"completed\"}");
        assertEquals(0, run(new PublishCommand(), bootstrap, "--checkpoints-topic=cli.checkpoints", "--outcomes-topic=cli.outcomes",
                checkpoint.toString(), outcome.toString()));
        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.read(kafka.bootstrapServers(), "cli.checkpoints", 1);
        assertEquals("run-cli", new String(records.get(0).key(), StandardCharsets.UTF_8));
        assertArrayEquals(bytes, records.get(0).value());
        assertEquals(1, TopicReader.read(kafka.bootstrapServers(), "cli.outcomes", 1).size());

        Path broken = dir.resolve("broken.safetensors");
        Files.write(broken, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertNotEquals(0, run(new PublishCommand(), bootstrap, "--checkpoints-topic=cli.checkpoints", broken.toString()));

        assertEquals(0, run(new PublishProbeCommand(), bootstrap, "--probes-topic=cli.probes", "--random=2,5,3", "--study-id=study-cli",
                "--task=copy", "--loss-threshold=0.05", "--convention=benettin", "--warmup=7"));
        ConsumerRecord<byte[], byte[]> p = TopicReader.read(kafka.bootstrapServers(), "cli.probes", 1).get(0);
        Probe probe = Probe.parse(p.value());
        assertEquals("study-cli", new String(p.key(), StandardCharsets.UTF_8));
        assertEquals("[2, 5, 3]", probe.inputs().shapeString());
        assertEquals("benettin", probe.convention());
        assertEquals(7, probe.warmup());
        assertEquals(0.05, probe.lossThreshold());
    }

    @Test
    void probeFromAGoldenInputsFileTakesItsSettingsFromOptions() throws Exception {
        Path inputs = Path.of(System.getProperty("aelle.shared.dir"), "golden", "lyapunov", "rnn_h16_bias.inputs.safetensors");
        PublishProbeCommand command = new PublishProbeCommand();
        new CommandLine(command).parseArgs("--file=" + inputs, "--study-id=s", "--loss-threshold=0.1");
        Probe probe = command.build();
        assertEquals("[3, 28, 4]", probe.inputs().shapeString());
        assertEquals("reference", probe.convention());

        PublishProbeCommand noStudy = new PublishProbeCommand();
        new CommandLine(noStudy).parseArgs("--file=" + inputs, "--loss-threshold=0.1");
        assertThrows(IllegalArgumentException.class, noStudy::build);
    }
}
