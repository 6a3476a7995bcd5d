package io.streammesh.inventory;

import io.streammesh.common.runtime.ServiceLauncher;

/** Runs inventory-redistribution: {@code java -jar inventory-redistribution.jar -b localhost:9092}. */
public final class InventoryRedistributionApp {

    public static void main(String[] args) {
        System.exit(ServiceLauncher.run(new InventoryRedistributionTopology(), args));
    }

    private InventoryRedistributionApp() {
    }
}
