package io.streammesh.marketplace;

import io.streammesh.common.runtime.ServiceLauncher;

/** Runs marketplace-jobs: {@code java -jar marketplace-jobs.jar -b localhost:9092}; {@code --help} lists the settings. */
public final class MarketplaceJobsApp {

    private MarketplaceJobsApp() {
    }

    public static void main(String[] args) {
        System.exit(ServiceLauncher.run(new MarketplaceJobsTopology(), args));
    }
}
