/**
 * Who may use the engine, and for what: HTTP Basic authentication on the engine REST API (no anonymous access);
 * the service accounts (the workers', the portal's) and the staff groups and users; the grants Operaton's
 * authorization checks hold them to, with tenant checks ({@link dev.carepath.engine.security.EngineAuthorizations},
 * {@link dev.carepath.engine.security.EngineTenants}); decision tables only for the portal; and the actuator, open
 * for health only.
 */
package dev.carepath.engine.security;
