package io.streammesh.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammesh.contracts.Json;
import io.streammesh.customers.model.CustomerDemographics;
import io.streammesh.customers.model.CustomerInfo;
import org.junit.jupiter.api.Test;

class CustomerEnricherTest {

    @Test
    void theRowHasTheSpecsColumnsInOrder() {
        String json = Json.write(CustomerEnricher.enrich(
                new CustomerInfo("C1", "Ada", "Lovelace", "ada@example.com", "+44 20 7946 0000"),
                new CustomerDemographics("C1", 36, "female", 85_000L, "Master", "married")));
        assertThat(json).isEqualTo("{\"customer_id\":\"C1\",\"first_name\":\"Ada\",\"last_name\":\"Lovelace\","
                + "\"email\":\"ada@example.com\",\"phone_number\":\"+44 20 7946 0000\",\"age\":36,\"gender\":\"female\","
                + "\"income\":85000,\"education_level\":\"Master\",\"marital_status\":\"married\"}");
    }
}
