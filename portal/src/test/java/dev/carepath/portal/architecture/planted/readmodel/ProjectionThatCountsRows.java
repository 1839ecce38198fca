package dev.carepath.portal.architecture.planted.readmodel;

import dev.carepath.portal.architecture.planted.journeys.JourneyRows;

/** Planted: another capability using an internal of journeys (breaks capabilitiesUseEachOtherOnlyThroughTheirPublicApi). */
class ProjectionThatCountsRows {

    int count(JourneyRows rows) {
        return rows.count();
    }
}
