/**
 * What every HTTP endpoint of the portal shares: RFC 9457 problem responses with stable {@code type}
 * URIs ({@link dev.carepath.portal.web.Problems}), their rendering for framework errors, and the edge
 * check that refuses anything that looks like a card number before a request body is parsed, logged
 * or stored.
 */
package dev.carepath.portal.web;
