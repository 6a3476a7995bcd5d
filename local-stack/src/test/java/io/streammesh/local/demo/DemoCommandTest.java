package io.streammesh.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammesh.local.StreamMeshCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void aTakenPagePortStopsTheDemoBeforeAnythingStartsAndNamesTheOption() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            PrintStream savedOut = System.out;
            PrintStream savedErr = System.err;
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int rc;
            try {
                System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                rc = StreamMeshCli.run("demo", "--port", String.valueOf(taken.getLocalPort()),
                        "--work-dir", dir.resolve("demo").toString(), "--log-file", dir.resolve("demo.log").toString());
            } finally {
                System.setOut(savedOut);
                System.setErr(savedErr);
            }
            assertThat(rc).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .contains("Port " + taken.getLocalPort() + " of the demo page is in use").contains("--port");
            assertThat(dir.resolve("demo")).doesNotExist();
        }
    }
}
