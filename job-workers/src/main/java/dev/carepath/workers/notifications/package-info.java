/**
 * The journey's notifications (schema {@code notifications}): the {@code notify-patient} topic, each
 * notification sent once per order cycle. The address is read from the clinical store at send time and
 * is stored nowhere else.
 */
package dev.carepath.workers.notifications;
