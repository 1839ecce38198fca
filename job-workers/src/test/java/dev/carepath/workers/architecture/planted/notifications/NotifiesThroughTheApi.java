package dev.carepath.workers.architecture.planted.notifications;

import dev.carepath.workers.architecture.planted.clinical.api.Records;

/** Lawful: another capability reaching the clinical service through its api. */
class NotifiesThroughTheApi {

    String quietHoursState(Records records, String orderId) {
        return records.stateOf(orderId);
    }
}
