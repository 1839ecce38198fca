/** The pharmacy service (schema {@code pharmacy}): e-prescriptions sent to the routed pharmacy. */
package dev.carepath.workers.pharmacy;
