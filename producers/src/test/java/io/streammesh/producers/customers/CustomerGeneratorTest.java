package io.streammesh.producers.customers;

import io.streammesh.contracts.bikeshare.CustomerInfo;
import io.streammesh.contracts.bikeshare.CustomerDemographics;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CustomerGeneratorTest {

    @Test
    void customersHaveRealisticUniqueContactDetails() {
        CustomerGenerator g = new CustomerGenerator(42, CustomerGenerator.DEFAULT_CUSTOMERS);
        List<CustomerInfo> customers = g.customers();
        assertThat(customers).hasSize(1000);
        assertThat(customers).extracting(CustomerInfo::customerId).doesNotHaveDuplicates().startsWith("C00001").endsWith("C01000");
        assertThat(customers).extracting(CustomerInfo::email).doesNotHaveDuplicates()
                .allSatisfy(e -> assertThat(e).matches("[a-z.]+\\d+@example\\.(com|org|net)"));
        assertThat(customers).allSatisfy(c -> {
            assertThat(c.firstName()).isNotBlank();
            assertThat(c.lastName()).isNotBlank();
            assertThat(c.phoneNumber()).containsPattern("\\d{3}");
        });
        assertThat(customers.stream().map(CustomerInfo::lastName).distinct().count()).isGreaterThan(300);
    }

    @Test
    void demographicsArePlausibleAndCoverEveryCustomer() {
        CustomerGenerator g = new CustomerGenerator(42, 1000);
        List<CustomerDemographics> d = g.demographics();
        assertThat(d).extracting(CustomerDemographics::customerId)
                .containsExactlyElementsOf(g.customers().stream().map(CustomerInfo::customerId).toList());
        assertThat(d).allSatisfy(x -> {
            assertThat(x.age()).isBetween(18, 100);
            assertThat(x.income()).isBetween(12_000L, 2_000_000L);
            assertThat(x.gender()).isIn("female", "male", "non-binary");
            assertThat(x.educationLevel()).isIn(CustomerGenerator.EDUCATION);
            assertThat(x.maritalStatus()).isIn(CustomerGenerator.MARITAL);
        });
        assertThat(d.stream().map(CustomerDemographics::educationLevel).collect(Collectors.toSet())).hasSizeGreaterThanOrEqualTo(4);
        assertThat(d.stream().map(CustomerDemographics::maritalStatus).collect(Collectors.toSet())).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void changesAlterTheDemographicsOfRandomCustomersAndAreRemembered() {
        CustomerGenerator g = new CustomerGenerator(7, 50);
        Map<String, CustomerDemographics> before = g.demographics().stream()
                .collect(Collectors.toMap(CustomerDemographics::customerId, Function.identity()));
        Set<String> touched = new HashSet<>();
        for (int round = 0; round < 20; round++) {
            Map<String, CustomerDemographics> latest = new java.util.HashMap<>();
            for (CustomerDemographics changed : g.changes(5)) {
                touched.add(changed.customerId());
                latest.put(changed.customerId(), changed); // a customer can change twice in a round
            }
            assertThat(g.demographics()).containsAll(latest.values());
        }
        assertThat(touched.size()).isGreaterThan(30);
        long differing = g.demographics().stream().filter(d -> !d.equals(before.get(d.customerId()))).count();
        assertThat(differing).isGreaterThan(30);
        assertThat(g.demographics()).allSatisfy(d -> assertThat(d.gender()).isEqualTo(before.get(d.customerId()).gender()));
    }

    @Test
    void theSameSeedGivesTheSameCustomersAndChanges() {
        CustomerGenerator a = new CustomerGenerator(3, 100);
        CustomerGenerator b = new CustomerGenerator(3, 100);
        assertThat(a.customers()).isEqualTo(b.customers());
        assertThat(a.demographics()).isEqualTo(b.demographics());
        assertThat(a.changes(10)).isEqualTo(b.changes(10));
        assertThat(new CustomerGenerator(4, 100).customers()).isNotEqualTo(a.customers());
    }
}
