package io.streammesh.mongosink;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.config.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MongoSinkAppTest {

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cli = MongoSinkApp.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheOptionsAndTheirEnvironmentVariables() {
        Run run = run("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--mongodb-uri", "MONGODB_URI", "--database", "--mapping", "--write-concern",
                "--group-id", "--http-port", "--batch-size", "--bootstrap-server", "KAFKA_BOOTSTRAP_SERVERS",
                "STREAMMESH_MONGODB_DATABASE", "STREAMMESH_RETRY_BACKOFF_MAX", "mongo-sink.dlq");
    }

    @Test
    void aMissingConnectionStringIsOneClearLineAndExitCode2() {
        Run run = run("-b", "localhost:1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("mongo-sink: Missing MongoDB connection string").doesNotContain("\tat ");
    }

    @Test
    void optionsEnvironmentAndPrecedence() {
        MongoSinkApp app = new MongoSinkApp();
        new CommandLine(app).parseArgs("-b", "k:9092", "--database", "db1", "--mapping", "job_status=jobs",
                "--mapping", "truck_tracker=trucks", "--write-concern", "1", "--group-id", "g1", "--http-port", "0",
                "--batch-size", "10");
        ServiceConfig c = app.config(Map.of("MONGODB_URI", "mongodb://from-env:27017", "STREAMMESH_MONGODB_DATABASE", "ignored"));
        SinkSettings s = SinkSettings.from(c);
        assertThat(s.mongoUri()).isEqualTo("mongodb://from-env:27017");
        assertThat(s.database()).isEqualTo("db1");
        assertThat(s.mappings()).extracting(TopicMapping::collection).containsExactly("jobs", "trucks");
        assertThat(s.writeConcern().getW()).isEqualTo(1);
        assertThat(s.groupId()).isEqualTo("g1");
        assertThat(s.batchMaxRecords()).isEqualTo(10);
        assertThat(c.get(Settings.HTTP_PORT)).isZero();

        MongoSinkApp cliWins = new MongoSinkApp();
        new CommandLine(cliWins).parseArgs("-b", "k:9092", "--mongodb-uri", "mongodb://from-cli");
        assertThat(SinkSettings.from(cliWins.config(Map.of("MONGODB_URI", "mongodb://from-env"))).mongoUri()).isEqualTo("mongodb://from-cli");
        MongoSinkApp prefixed = new MongoSinkApp();
        new CommandLine(prefixed).parseArgs("-b", "k:9092");
        assertThat(SinkSettings.from(prefixed.config(Map.of("MONGODB_URI", "mongodb://plain", "STREAMMESH_MONGODB_URI", "mongodb://suite")))
                .mongoUri()).isEqualTo("mongodb://suite");
    }
}
