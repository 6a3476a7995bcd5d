package io.streammesh.customers;

import io.streammesh.customers.model.CustomerDemographics;
import io.streammesh.customers.model.CustomerEnriched;
import io.streammesh.customers.model.CustomerInfo;

/** The join of customer-enrichment (spec, "customer-enrichment"): the columns of the original ksqlDB table. */
public final class CustomerEnricher {

    private CustomerEnricher() {
    }

    /** The row of one customer; the key it is stored under is the customer_id both sides were joined on. */
    public static CustomerEnriched enrich(CustomerInfo info, CustomerDemographics demographics) {
        return new CustomerEnriched(info.customerId(), info.firstName(), info.lastName(), info.email(), info.phoneNumber(),
                demographics.age(), demographics.gender(), demographics.income(), demographics.educationLevel(),
                demographics.maritalStatus());
    }
}
