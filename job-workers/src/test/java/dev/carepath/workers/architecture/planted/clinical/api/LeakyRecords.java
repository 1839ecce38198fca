package dev.carepath.workers.architecture.planted.clinical.api;

import dev.carepath.workers.architecture.planted.clinical.PhiVault;

/** Planted: an api type that hands out an internal (breaks clinicalApiShowsNoInternals). */
public interface LeakyRecords {

    PhiVault vault();
}
