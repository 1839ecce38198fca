package dev.carepath.portal.architecture.planted.journeys;

/** Lawful: the capability's public API, with a nested type that goes with it. */
public class Journeys {

    public record Page(int size) {
    }

    public Page first() {
        return new Page(new JourneyRows().count());
    }
}
