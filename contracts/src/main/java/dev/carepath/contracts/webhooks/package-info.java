/**
 * The webhook contract between partners and carepath's ingress: how a partner signs a callback and how we
 * check it.
 */
package dev.carepath.contracts.webhooks;
