/**
 * The patient's notifications (schema {@code notifications}): the journey's {@code notify-patient} topic, each
 * notification sent once per order cycle; and the {@code job-workers-notifications} consumer of the backbone,
 * which sends the shipment milestones once per event and records what cannot be sent. The address is read
 * from the clinical store at send time and is stored nowhere else.
 */
package dev.carepath.workers.notifications;
