/**
 * What every external-task worker shares: outcome mapping, retries with backoff (a try the partner's circuit breaker
 * refused waits out the open window and spends no retry), logging context.
 */
package dev.carepath.workers.tasks;
