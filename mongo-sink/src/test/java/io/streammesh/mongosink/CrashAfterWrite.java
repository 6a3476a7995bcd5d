package io.streammesh.mongosink;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test's {@code kill -9} at the worst moment, as a decorator of the sink's store: once armed, the
 * next bulk write reaches MongoDB and is acknowledged, and then the call throws instead of returning,
 * so the sink never commits that batch; from then on nothing is written, as by a dead process.
 */
final class CrashAfterWrite implements DocumentStore {

    /** Not a MongoDB failure, so the sink does not retry it: its loop stops, as the process would. */
    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(String message) {
            super(message);
        }
    }

    private final AtomicInteger acknowledged = new AtomicInteger();
    private volatile DocumentStore delegate;
    private volatile boolean armed;
    private volatile boolean crashed;

    /** Decorates {@code store}; fits {@code MongoSinkService.start(config, crash::wrap)}. */
    DocumentStore wrap(DocumentStore store) {
        this.delegate = store;
        return this;
    }

    void crashAfterNextWrite() {
        armed = true;
    }

    /** Bulk writes MongoDB acknowledged through this store, the one before the crash included. */
    int acknowledgedWrites() {
        return acknowledged.get();
    }

    @Override
    public void write(String collection, List<MongoWrite> writes) {
        if (crashed) {
            throw new SimulatedCrash("the sink crashed before: it writes nothing any more");
        }
        delegate.write(collection, writes);
        acknowledged.incrementAndGet();
        if (armed) {
            crashed = true;
            throw new SimulatedCrash("crash after MongoDB acknowledged a bulk write of " + writes.size() + ", before its commit");
        }
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
