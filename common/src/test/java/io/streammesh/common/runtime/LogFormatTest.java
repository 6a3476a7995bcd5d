package io.streammesh.common.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** logback.xml: text lines by default, one JSON object a line with STREAMMESH_LOG_FORMAT=json. */
class LogFormatTest {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    @AfterEach
    void restore() throws Exception {
        System.clearProperty("STREAMMESH_LOG_FORMAT");
        configure();
    }

    private String logOneLine(String format) throws Exception {
        if (format != null) {
            System.setProperty("STREAMMESH_LOG_FORMAT", format);
        }
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            configure();
            LogContext.identify("station-enrichment", "station-enrichment-blue");
            LoggerFactory.getLogger("io.streammesh.test").info("hello {}", "world");
        } finally {
            System.setOut(stdout);
        }
        return captured.toString(StandardCharsets.UTF_8).trim();
    }

    private void configure() throws Exception {
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
    }

    @Test
    void plainTextIsTheDefault() throws Exception {
        String line = logOneLine(null);
        assertThat(line).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[main\\] io\\.streammesh\\.test - hello world");
    }

    @Test
    void jsonCarriesServiceApplicationIdAndThread() throws Exception {
        String line = logOneLine("json");
        assertThat(line.lines().count()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("message").asText()).isEqualTo("hello world");
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("logger").asText()).isEqualTo("io.streammesh.test");
        assertThat(json.get("thread").asText()).isEqualTo("main");
        assertThat(json.get("service").asText()).isEqualTo("station-enrichment");
        assertThat(json.get("application.id").asText()).isEqualTo("station-enrichment-blue");
        assertThat(json.has("@timestamp")).isTrue();
    }
}
