package io.streammesh.producers.customers;

import io.streammesh.contracts.bikeshare.CustomerInfo;
import io.streammesh.contracts.bikeshare.CustomerDemographics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.datafaker.Faker;

/**
 * A bike-share system's customers: contact details from datafaker, demographics that change over
 * time (a birthday, a raise, a wedding, a degree), deterministic for a seed.
 */
public final class CustomerGenerator {

    public static final int DEFAULT_CUSTOMERS = 1000;

    static final List<String> EDUCATION = List.of("High school", "Associate degree", "Bachelor's degree", "Master's degree", "Doctorate");
    static final List<String> MARITAL = List.of("single", "married", "divorced", "widowed");
    private static final String[] DOMAINS = {"example.com", "example.org", "example.net"};

    private final Random random;
    private final List<CustomerInfo> infos;
    private final List<CustomerDemographics> demographics;

    public CustomerGenerator(long seed, int customers) {
        if (customers < 1) {
            throw new IllegalArgumentException("customers must be at least 1, got " + customers);
        }
        this.random = new Random(seed);
        Faker faker = new Faker(Locale.US, new Random(seed ^ 0x2545F4914F6CDD1DL));
        List<CustomerInfo> infoList = new ArrayList<>(customers);
        List<CustomerDemographics> demoList = new ArrayList<>(customers);
        for (int n = 0; n < customers; n++) {
            String id = customerId(n);
            String first = faker.name().firstName();
            String last = faker.name().lastName();
            String local = (first + "." + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "") + (n + 1);
            infoList.add(new CustomerInfo(id, first, last, local + "@" + DOMAINS[n % DOMAINS.length], faker.phoneNumber().cellPhone()));
            demoList.add(initial(id));
        }
        this.infos = List.copyOf(infoList);
        this.demographics = demoList;
    }

    public static String customerId(int n) {
        return String.format(Locale.ROOT, "C%05d", n + 1);
    }

    /** {@code customers.info} records, one per customer. */
    public List<CustomerInfo> customers() {
        return infos;
    }

    /** The current demographics of every customer. */
    public List<CustomerDemographics> demographics() {
        return List.copyOf(demographics);
    }

    /** Changes the demographics of {@code count} random customers and returns their new records. */
    public List<CustomerDemographics> changes(int count) {
        List<CustomerDemographics> changed = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int n = random.nextInt(demographics.size());
            CustomerDemographics next = change(demographics.get(n));
            demographics.set(n, next);
            changed.add(next);
        }
        return changed;
    }

    private CustomerDemographics initial(String id) {
        int age = 18 + (int) Math.min(67, Math.abs(random.nextGaussian() * 18 + 20));
        double g = random.nextDouble();
        String gender = g < 0.49 ? "female" : g < 0.98 ? "male" : "non-binary";
        int education = Math.min(EDUCATION.size() - 1, (int) Math.abs(random.nextGaussian() * 1.6));
        if (age < 22) {
            education = Math.min(education, 1);
        }
        String marital = age < 25 ? (random.nextDouble() < 0.85 ? "single" : "married")
                : age > 70 && random.nextDouble() < 0.3 ? "widowed"
                : MARITAL.get(random.nextDouble() < 0.55 ? 1 : random.nextDouble() < 0.7 ? 0 : 2);
        return new CustomerDemographics(id, age, gender, income(age, education), EDUCATION.get(education), marital);
    }

    private long income(int age, int education) {
        double base = 28_000 + education * 14_000 + Math.min(age - 18, 30) * 900;
        double income = base * Math.exp(random.nextGaussian() * 0.35);
        return Math.max(12_000, Math.round(income / 1000) * 1000);
    }

    private CustomerDemographics change(CustomerDemographics d) {
        int age = d.age();
        long income = d.income();
        int education = EDUCATION.indexOf(d.educationLevel());
        String marital = d.maritalStatus();
        double what = random.nextDouble();
        if (what < 0.35) {
            age = Math.min(100, age + 1);
        } else if (what < 0.75) {
            income = Math.max(12_000, Math.round(income * (0.9 + 0.25 * random.nextDouble()) / 1000) * 1000);
        } else if (what < 0.9) {
            marital = switch (marital) {
                case "single", "divorced", "widowed" -> "married";
                default -> random.nextDouble() < 0.8 ? "divorced" : "widowed";
            };
        } else if (education < EDUCATION.size() - 1) {
            education++;
        } else {
            age = Math.min(100, age + 1);
        }
        return new CustomerDemographics(d.customerId(), age, d.gender(), income, EDUCATION.get(education), marital);
    }
}
