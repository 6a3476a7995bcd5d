package io.streammesh.producers.marketplace;

import io.streammesh.contracts.marketplace.JobLocation;
import io.streammesh.contracts.marketplace.TruckLocation;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TruckFleetTest {

    @Test
    void everyTruckDrivesStraightToItsJobAndReportsArrivedExactlyThere() {
        TruckFleet fleet = new TruckFleet(new TruckFleet.Settings(7, 20, 500, 40));
        List<JobLocation> jobs = fleet.dispatch(1_000L);
        assertThat(jobs).hasSize(20).extracting(JobLocation::id).doesNotHaveDuplicates().startsWith("500", "501");
        assertThat(jobs).allSatisfy(j -> assertThat(j.reportingTime()).isEqualTo(1_000L));
        Map<String, JobLocation> byId = new HashMap<>();
        jobs.forEach(j -> byId.put(j.id(), j));

        Map<String, List<TruckLocation>> tracks = new HashMap<>();
        int ticks = 0;
        while (!fleet.allArrived()) {
            for (TruckFleet.Move move : fleet.tick()) {
                tracks.computeIfAbsent(move.truckId(), k -> new ArrayList<>()).add(move.position());
            }
            ticks++;
        }
        assertThat(ticks).isBetween(11, 41);
        assertThat(tracks).hasSize(20);
        tracks.forEach((truck, track) -> {
            TruckLocation last = track.get(track.size() - 1);
            JobLocation job = byId.get(last.jobId());
            assertThat(last.state()).isEqualTo(TruckLocation.ARRIVED);
            assertThat(last.lat()).isEqualTo(job.destLat());
            assertThat(last.lon()).isEqualTo(job.destLong());
            assertThat(track.subList(0, track.size() - 1)).allSatisfy(p -> assertThat(p.state()).isEqualTo(TruckLocation.EN_ROUTE));
            assertThat(track).allSatisfy(p -> assertThat(p.jobId()).isEqualTo(job.id()));
            // each step is closer than the one before
            double previous = Double.MAX_VALUE;
            for (TruckLocation p : track) {
                double away = Math.hypot(p.lat() - job.destLat(), p.lon() - job.destLong());
                assertThat(away).isLessThan(previous);
                previous = away;
            }
        });
        assertThat(fleet.tick()).isEmpty();
    }

    @Test
    void aNewRoundGivesTheSameTrucksNewJobs() {
        TruckFleet fleet = new TruckFleet(new TruckFleet.Settings(7, 3, 1, 4));
        assertThat(fleet.dispatch(0)).extracting(JobLocation::id).containsExactly("1", "2", "3");
        while (!fleet.allArrived()) {
            fleet.tick();
        }
        assertThat(fleet.dispatch(10)).extracting(JobLocation::id).containsExactly("4", "5", "6");
        assertThat(fleet.tick()).extracting(TruckFleet.Move::truckId).containsExactly("truck-001", "truck-002", "truck-003");
    }

    @Test
    void theSameSeedGivesTheSameFleet() {
        assertThat(new TruckFleet(new TruckFleet.Settings(3, 5, 1, 10)).dispatch(0))
                .isEqualTo(new TruckFleet(new TruckFleet.Settings(3, 5, 1, 10)).dispatch(0));
    }
}
