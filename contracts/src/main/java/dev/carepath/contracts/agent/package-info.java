/**
 * The demo's agent: a command-line client of the agent API built from the Java client generated from the contract
 * ({@code dev.carepath.contracts.client}), run by {@code deploy/local/demo.sh} to start and follow its journeys the
 * way a tenant's agent would. Runs from the {@code -agent} jar of this module.
 */
package dev.carepath.contracts.agent;
