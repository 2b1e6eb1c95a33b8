package io.aelle.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchLyapunovCommandTest {

    /** {exit code, stdout, stderr} */
    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new BenchLyapunovCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void theSmallestCasePrintsOneJsonLineWithItsFigures() throws Exception {
        String[] r = run("--sizes", "64", "--repeat", "1", "--no-kernels");
        assertEquals("0", r[0], r[2]);
        assertEquals(1, r[1].lines().count(), r[1]);
        JsonNode j = new ObjectMapper().readTree(r[1]);
        assertEquals("lstm_n64", j.get("case").textValue());
        assertEquals(64, j.get("exponents").intValue(), "all exponents");
        assertEquals(15, j.get("sequences").intValue());
        assertTrue(j.get("seconds").isNumber() && j.get("seconds").doubleValue() > 0, r[1]);
        assertTrue(j.get("products").longValue() > 0 && j.get("qr_factorisations").longValue() > 0, r[1]);
        assertTrue(j.get("qr_factorisations").longValue() <= j.get("products").longValue());
        assertTrue(j.get("gflops").doubleValue() > 0, r[1]);
        assertTrue(j.get("meets_target").isBoolean());
    }

    @Test
    void unknownBackendsAndZeroRepeatsAreRefused() {
        CommandLine cl = new CommandLine(new BenchLyapunovCommand());
        cl.setErr(new PrintWriter(new StringWriter()));
        StringWriter seen = new StringWriter();
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            seen.write(ex.getClass().getSimpleName() + ": " + ex.getMessage() + "\n");
            return 2;
        });
        assertEquals(2, cl.execute("--backend", "tpu", "--no-kernels"));
        assertEquals(2, cl.execute("--repeat", "0", "--no-kernels"));
        assertEquals(2, cl.execute("--threads", "0", "--no-kernels"));
        assertEquals(2, cl.execute("--backend", "djl", "--panel", "-1"));
        String text = seen.toString();
        assertTrue(text.contains("IllegalArgumentException: unknown --backend 'tpu'; expected cpu or djl"), text);
        assertTrue(text.contains("IllegalArgumentException: --repeat and --threads must be >= 1, got 0 and 1"), text);
        assertTrue(text.contains("got 3 and 0"), text);
        assertTrue(text.contains("--panel, --warmup and --steps must be >= 0, got -1, 500 and 0"), text);
    }
}
