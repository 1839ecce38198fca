package dev.carepath.portal.architecture.planted.journeys;

/** Lawful: an internal of the capability, used by its own API (public, but not offered to the others). */
public class JourneyRows {

    public int count() {
        return 1;
    }
}
