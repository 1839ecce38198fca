/**
 * The partners' price lists (what a pharmacy charges per therapy and state), read from each partner over HTTP and
 * kept for a short while ({@link dev.carepath.connectors.pricing.CachingPriceLists}), and the routing facts made
 * of them ({@link dev.carepath.connectors.pricing.PharmacyPriceFacts}): the prices the pharmacy routing table
 * compares. Prices are commercial terms, not PHI and not secret.
 */
package dev.carepath.connectors.pricing;
