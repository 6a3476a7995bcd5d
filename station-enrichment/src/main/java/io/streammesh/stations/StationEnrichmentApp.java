package io.streammesh.stations;

import io.streammesh.common.runtime.ServiceLauncher;

/** Runs station-enrichment: {@code java -jar station-enrichment.jar -b localhost:9092}. */
public final class StationEnrichmentApp {

    private StationEnrichmentApp() {
    }

    public static void main(String[] args) {
        System.exit(ServiceLauncher.run(new StationEnrichmentTopology(), args));
    }
}
