/**
 * The job-workers deployable. Each capability package ({@code payments}, {@code clinical},
 * {@code pharmacy}) owns one PostgreSQL schema and holds the workers of its topics; {@code tasks} holds
 * what every worker shares: MDC, the one-line-per-task log, and the mapping of partner outcomes to BPMN
 * errors, retries with backoff and incidents; {@code security} says who may call the deployable over HTTP.
 */
package dev.carepath.workers;
