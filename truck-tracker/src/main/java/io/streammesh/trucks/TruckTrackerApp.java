package io.streammesh.trucks;

import io.streammesh.common.runtime.ServiceLauncher;

/** Runs truck-tracker: {@code java -jar truck-tracker.jar -b localhost:9092 --http-port 8084}; {@code --help} lists the settings. */
public final class TruckTrackerApp {

    private TruckTrackerApp() {
    }

    public static void main(String[] args) {
        System.exit(ServiceLauncher.run(new TruckTrackerTopology(), args));
    }
}
