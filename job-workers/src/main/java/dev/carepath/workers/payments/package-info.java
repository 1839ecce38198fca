/** The payments service: charges per order cycle through the tenant's merchant account (schema {@code payments}). */
package dev.carepath.workers.payments;
