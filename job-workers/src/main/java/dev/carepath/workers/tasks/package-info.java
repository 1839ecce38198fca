/** What every external-task worker shares: outcome mapping, retries with backoff, logging context. */
package dev.carepath.workers.tasks;
