/**
 * What every partner adapter shares: the two ways a partner call fails ({@link
 * dev.carepath.connectors.partner.PartnerRejectedException} for a partner's "no",
 * {@link dev.carepath.connectors.partner.PartnerUnavailableException} for anything worth retrying), the HTTP
 * client settings and call template that maps partner answers onto them, and the webhook signature scheme
 * partners use when they call us back.
 */
package dev.carepath.connectors.partner;
