package io.streammesh.embedded;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/**
 * An in-process MongoDB wire-protocol server (mongo-java-server, in memory) that the real MongoDB
 * Java driver talks to. MongoDB ships no server binary this machine can install, so tests and the
 * local demo use this unless {@code MONGODB_URI} points at a real mongod. {@link #stop()} and
 * {@link #restart()} keep the port, so outage tests can bring "the database" back where clients
 * expect it; data lives in memory and survives a restart of the same instance.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private final KeptBackend backend = new KeptBackend();
    private final int port;
    private MongoServer server;

    private EmbeddedMongo(int port) {
        this.port = port;
    }

    /** Starts on a free port (0) or the given one. */
    public static EmbeddedMongo start(int port) {
        EmbeddedMongo mongo = new EmbeddedMongo(port == 0 ? EmbeddedKafkaBroker.freePort() : port);
        mongo.restart();
        return mongo;
    }

    public static EmbeddedMongo start() {
        return start(0);
    }

    public String connectionString() {
        return "mongodb://localhost:" + port;
    }

    public int port() {
        return port;
    }

    /** Closes the server and every client connection, as a crashed mongod would; the data is kept. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdownNow();
            server = null;
        }
    }

    public synchronized void restart() {
        stop();
        server = new MongoServer(backend);
        server.bind(new InetSocketAddress("localhost", port));
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public void close() {
        stop();
        backend.discard();
    }

    /**
     * mongo-java-server closes its backend when the server shuts down, and closing a memory backend
     * forgets every database; this one outlives its server, so a stopped and restarted "mongod" still
     * has its data, as a real one has on disk.
     */
    private static final class KeptBackend extends MemoryBackend {
        @Override
        public void close() {
            // kept across stop()/restart(); discard() is the real close
        }

        void discard() {
            super.close();
        }
    }
}
