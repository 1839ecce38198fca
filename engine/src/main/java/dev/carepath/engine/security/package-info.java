/**
 * Who may use the engine: HTTP Basic authentication on the engine REST API (no anonymous access), and
 * the service accounts the workers log in with.
 */
package dev.carepath.engine.security;
