package io.streammesh.producers.marketplace;

import java.util.List;

/** A trade customers book, with the range a tradesperson's minimum price for one job falls in. */
record Trade(String serviceOption, int minPrice, int maxPrice) {

    static final List<Trade> ALL = List.of(
            new Trade("Plumbing", 120, 900),
            new Trade("Electrical", 110, 1200),
            new Trade("Carpentry", 150, 2500),
            new Trade("Painting", 300, 4000),
            new Trade("Roofing", 400, 6000),
            new Trade("Tiling", 250, 3000),
            new Trade("Landscaping", 200, 5000),
            new Trade("Plastering", 180, 2000),
            new Trade("Bricklaying", 300, 4500),
            new Trade("Glazing", 150, 1800),
            new Trade("Locksmith", 80, 400),
            new Trade("Air Conditioning", 200, 3500),
            new Trade("Appliance Repair", 90, 600),
            new Trade("Fencing", 300, 3500),
            new Trade("Flooring", 400, 5000),
            new Trade("Pest Control", 120, 700),
            new Trade("Cleaning", 80, 500),
            new Trade("Gutter Cleaning", 100, 450));
}
