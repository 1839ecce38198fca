/**
 * The staff console at {@code /console}: server-rendered pages (Thymeleaf, htmx) for the people who run the
 * platform, logged in as people, not machine clients. Its own filter chain ({@link ConsoleSecurity}): form login
 * against {@code console.staff_user} (passwords hashed; users from configuration written there at start), OIDC login
 * for production when configured, CSRF protection, sessions in PostgreSQL (Spring Session JDBC) behind an HttpOnly,
 * SameSite cookie that is Secure on TLS, and an idle timeout. The roles ({@link StaffRole}) decide which pages and
 * actions a person gets; a page a role may not open answers with the 403 page.
 *
 * <p>The console holds no business logic of its own: its pages call the capabilities' public services, the same the
 * REST API uses, and record staff actions on the backbone so the audit store keeps them.
 */
package dev.carepath.portal.console;
