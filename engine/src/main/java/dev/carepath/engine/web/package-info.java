/**
 * The engine's HTTP edge beyond Operaton's own handling: the error contract of the contracts module covers the
 * engine's own endpoints and Tomcat; here the REST API ({@code /engine-rest}) gets a check of request bodies before
 * Operaton reads them ({@link dev.carepath.engine.web.EngineRestInput}) and 400 instead of 500 for the caller errors
 * Operaton reports as server errors ({@link dev.carepath.engine.web.EngineRestErrors}).
 */
package dev.carepath.engine.web;
