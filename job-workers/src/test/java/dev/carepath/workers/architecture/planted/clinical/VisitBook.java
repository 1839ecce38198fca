package dev.carepath.workers.architecture.planted.clinical;

import dev.carepath.workers.architecture.planted.clinical.api.Records;

/** Lawful: a package-private internal behind the api. */
class VisitBook implements Records {

    @Override
    public String stateOf(String orderId) {
        return "TX";
    }
}
