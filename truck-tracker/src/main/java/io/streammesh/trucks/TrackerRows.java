package io.streammesh.trucks;

import io.streammesh.common.runtime.RecordCounters;
import io.streammesh.contracts.marketplace.JobLocation;
import io.streammesh.contracts.marketplace.TruckLocation;
import io.streammesh.contracts.marketplace.TruckTracker;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Turns a truck position and its job's location into the job's tracker row, stamped with the
 * position's timestamp ({@code updated_at}). A position for a job the {@code joblocation} table does
 * not know is not emitted but counted ({@code unknown-job}), as the spec asks.
 */
final class TrackerRows implements FixedKeyProcessorSupplier<String, TrackerRows.TruckAtJob, TruckTracker> {

    /** A truck position with its job's location, null when the job is unknown. */
    record TruckAtJob(TruckLocation truck, JobLocation location) {
    }

    @Override
    public FixedKeyProcessor<String, TruckAtJob, TruckTracker> get() {
        return new FixedKeyProcessor<>() {
            private FixedKeyProcessorContext<String, TruckTracker> context;

            @Override
            public void init(FixedKeyProcessorContext<String, TruckTracker> context) {
                this.context = context;
            }

            @Override
            public void process(FixedKeyRecord<String, TruckAtJob> record) {
                TruckAtJob value = record.value();
                if (value.location() == null) {
                    RecordCounters.dropped(context.applicationId(), "unknown-job",
                            "truck " + value.truck().vehicleId() + " reported for job " + record.key() + ", which has no joblocation");
                    return;
                }
                context.forward(record.withValue(TripEstimate.row(value.truck(), value.location(), record.timestamp())));
            }
        };
    }
}
