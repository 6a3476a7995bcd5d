package io.streammesh.customers;

import io.streammesh.common.runtime.ServiceLauncher;

/** Runs customer-enrichment: {@code java -jar customer-enrichment.jar -b localhost:9092}. */
public final class CustomerEnrichmentApp {

    private CustomerEnrichmentApp() {
    }

    public static void main(String[] args) {
        System.exit(ServiceLauncher.run(new CustomerEnrichmentTopology(), args));
    }
}
