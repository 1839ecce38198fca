package dev.carepath.portal.architecture.planted.console;

import dev.carepath.portal.architecture.planted.api.JourneyDto;
import dev.carepath.portal.architecture.planted.journeys.Journeys;

/** Lawful: another capability using the public API, its nested type and a generated contract type. */
class JourneyPage {

    JourneyDto show(Journeys journeys) {
        Journeys.Page page = journeys.first();
        return new JourneyDto(String.valueOf(page.size()));
    }
}
