package io.streammesh.producers.gbfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammesh.contracts.bikeshare.StationStatus;
import io.streammesh.contracts.bikeshare.VehicleTypeCount;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The change-only rule of stations.status, and the bounds of a plausible last_reported. */
class StatusChangesTest {

    final StatusChanges changes = new StatusChanges();

    static StationStatus status(String id, int bikes, Long lastReported) {
        return new StationStatus(id, bikes, List.of(new VehicleTypeCount("bike", bikes)), 0, 10 - bikes, 0, true, true, true,
                lastReported, null);
    }

    @Test
    void aStationsFirstStatusIsPublishedAndTheSameOneAgainIsNot() {
        assertThat(changes.changed(status("a", 3, 100L))).isTrue();
        assertThat(changes.changed(status("a", 3, 100L))).isFalse();
        assertThat(changes.changed(status("b", 3, 100L))).as("another station").isTrue();
    }

    @Test
    void aNewerLastReportedIsPublishedEvenWithTheSameFields() {
        changes.changed(status("a", 3, 100L));
        assertThat(changes.changed(status("a", 3, 160L))).isTrue();
        assertThat(changes.changed(status("a", 3, 160L))).isFalse();
    }

    @Test
    void changedFieldsArePublishedWhateverTheLastReported() {
        changes.changed(status("a", 3, 100L));
        assertThat(changes.changed(status("a", 4, 100L))).as("same last_reported").isTrue();
        assertThat(changes.changed(status("a", 5, 90L))).as("older last_reported").isTrue();
        assertThat(changes.changed(status("a", 5, null))).as("null is not newer, fields equal").isFalse();
        assertThat(changes.changed(status("a", 5, 80L))).as("older, fields equal").isFalse();
    }

    @Test
    void aNullLastReportedIsNotNewerButAnyValueIsNewerThanNull() {
        assertThat(changes.changed(status("a", 3, null))).isTrue();
        assertThat(changes.changed(status("a", 3, null))).isFalse();
        assertThat(changes.changed(status("a", 3, 100L))).isTrue();
    }

    @Test
    void whatIsPublishedAnywayIsWhatLaterStatusesAreComparedWith() {
        changes.published(status("a", 3, 100L));
        changes.published(status("a", 4, 100L));
        assertThat(changes.changed(status("a", 4, 100L))).isFalse();
        assertThat(changes.changed(status("a", 3, 100L))).isTrue();
    }

    @Test
    void lastReportedIsPlausibleFrom2000ToADayAheadOfTheFetch() {
        Instant fetched = Instant.parse("2025-07-02T06:30:00Z");
        assertThat(PlausibleTime.plausible(946_684_800L, fetched)).isTrue();
        assertThat(PlausibleTime.plausible(946_684_799L, fetched)).isFalse();
        assertThat(PlausibleTime.plausible(-1, fetched)).isFalse();
        assertThat(PlausibleTime.plausible(fetched.getEpochSecond() + 86_400, fetched)).isTrue();
        assertThat(PlausibleTime.plausible(fetched.getEpochSecond() + 86_401, fetched)).isFalse();
    }
}
