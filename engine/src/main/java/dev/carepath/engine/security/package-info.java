/**
 * Who may use the engine: HTTP Basic authentication on the engine REST API (no anonymous access), and
 * the service accounts the workers log in with, and the staff groups and users that work the journey's user
 * tasks in Tasklist.
 */
package dev.carepath.engine.security;
