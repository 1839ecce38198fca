/**
 * Platform staff's operations on the event backbone, under {@code /v1/admin/**} and as commands of the
 * portal jar ({@link dev.carepath.portal.admin.PortalCommands}): verify the audit chains, rebuild the
 * read models by replay, and list, inspect and replay a consumer's dead-lettered messages.
 */
package dev.carepath.portal.admin;
