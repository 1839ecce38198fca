package dev.carepath.portal.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carepath.portal.PortalIntegrationSupport;
import jakarta.servlet.Filter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The console's filter chain against the whole portal: form login of people from {@code console.staff_user}, CSRF,
 * the session cookie's attributes, the idle timeout, roles per page with the 403 page, logout, and the agents'
 * bearer-token chains unchanged beside it.
 */
class ConsoleSecurityIT extends PortalIntegrationSupport {

    @Autowired
    private WebApplicationContext context;

    private StaffBrowser browser() {
        return new StaffBrowser(port);
    }

    @Test
    void aPageNeedsALoginAndTheLoginPageIsOpen() {
        StaffBrowser anonymous = browser();
        StaffBrowser.Page home = anonymous.get("/console");
        assertThat(home.status()).isEqualTo(302);
        assertThat(home.location()).endsWith("/console/login");

        StaffBrowser.Page login = anonymous.get("/console/login");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).contains("<label for=\"username\">Username</label>", "<label for=\"password\">Password</label>",
                "name=\"_csrf\"");
        assertThat(login.header("Content-Security-Policy")).contains("script-src 'self'", "frame-ancestors 'none'");
        assertThat(login.header("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void aStaffMemberLogsInWithAPasswordStoredOnlyAsAHash() {
        String hash = jdbc.queryForObject("SELECT password_hash FROM console.staff_user WHERE username = 'care-ops'",
                String.class);
        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain("care-ops-local");

        StaffBrowser browser = browser();
        browser.get("/console/login");
        String before = browser.sessionCookie();
        StaffBrowser.Page answer = browser.login("care-ops", "care-ops-local");
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.location()).endsWith("/console");
        assertThat(browser.sessionCookie()).as("a new session id at login (no fixation)").isNotEqualTo(before);

        StaffBrowser.Page home = browser.get("/console");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains("id=\"current-user\">care-ops<", "id=\"current-roles\">care-ops<",
                "id=\"nav-journeys\"").doesNotContain("id=\"nav-tenants\"", "id=\"nav-decisions\"");
        assertThat(home.body()).contains("<title>Home · carepath console</title>");
    }

    @Test
    void aWrongPasswordOrAFormWithoutItsCsrfTokenLogsNobodyIn() {
        StaffBrowser wrong = browser();
        StaffBrowser.Page refused = wrong.login("care-ops", "not-the-password");
        assertThat(refused.status()).isEqualTo(302);
        assertThat(refused.location()).endsWith("/console/login?error");
        assertThat(wrong.get("/console").status()).isEqualTo(302);

        StaffBrowser forged = browser();
        forged.get("/console/login");
        assertThat(forged.sessionCookie()).as("the login page's session holds its CSRF token").isNotNull();
        StaffBrowser.Page noToken = forged.postExactly("/console/login",
                Map.of("username", "care-ops", "password", "care-ops-local"));
        assertThat(noToken.status()).as("answer %s", noToken.location()).isEqualTo(403);
        assertThat(forged.get("/console").status()).isEqualTo(302);
    }

    @Test
    void theSessionCookieIsHttpOnlySameSiteAndLimitedToTheConsole() {
        StaffBrowser browser = browser();
        browser.get("/console/login");
        StaffBrowser.Page answer = browser.login("care-ops", "care-ops-local");
        String cookie = answer.setCookies().stream().filter(c -> c.startsWith(StaffBrowser.COOKIE + "="))
                .findFirst().orElseThrow();
        assertThat(cookie).contains("; Path=/console", "; HttpOnly", "; SameSite=Lax")
                .as("plain HTTP: not Secure").doesNotContain("Secure");
    }

    @Test
    void overTlsTheSessionCookieIsSecure() throws Exception {
        Filter sessions = context.getBean(SessionRepositoryFilter.class);
        Filter security = context.getBean("springSecurityFilterChain", Filter.class);
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).addFilters(sessions, security).build();
        MvcResult login = mvc.perform(MockMvcRequestBuilders.get("/console/login").secure(true)).andReturn();
        assertThat(login.getResponse().getHeaders("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie).startsWith(StaffBrowser.COOKIE + "=").contains("; Secure",
                        "; HttpOnly", "; SameSite=Lax"));
    }

    @Test
    void anIdleSessionExpiresAfterTheConfiguredTimeoutAndTheNextRequestGoesToTheLoginPage() {
        StaffBrowser browser = browser().loggedInAs("care-ops", "care-ops-local");
        String sessionId = new String(Base64.getDecoder().decode(browser.sessionCookie()), StandardCharsets.UTF_8);
        Integer idle = jdbc.queryForObject("SELECT max_inactive_interval FROM console.spring_session WHERE session_id = ?",
                Integer.class, sessionId);
        assertThat(idle).as("server.servlet.session.timeout, 15 minutes").isEqualTo(15 * 60);

        // The idle time passes: the session's expiry is now.
        jdbc.update("UPDATE console.spring_session SET last_access_time = last_access_time - ?,"
                + " expiry_time = expiry_time - ? WHERE session_id = ?", idle * 1000L + 1, idle * 1000L + 1, sessionId);
        StaffBrowser.Page next = browser.get("/console/journeys");
        assertThat(next.status()).isEqualTo(302);
        assertThat(next.location()).endsWith("/console/login?expired");
        assertThat(browser.get("/console/login?expired").body()).contains("id=\"login-expired\"");
    }

    @Test
    void aPageTheRoleMayNotOpenAnswersWithThe403Page() {
        StaffBrowser careOps = browser().loggedInAs("care-ops", "care-ops-local");
        for (String page : new String[] {"/console/tenants", "/console/decisions", "/console/operations/dead-letters",
                "/console/journeys/00000000-0000-0000-0000-000000000001/phi"}) {
            StaffBrowser.Page refused = careOps.get(page);
            assertThat(refused.status()).as(page).isEqualTo(403);
            assertThat(refused.body()).as(page).contains("id=\"forbidden-title\"", "<title>Not allowed · carepath console</title>");
        }
        StaffBrowser clinician = browser().loggedInAs("clinician", "clinician-local");
        StaffBrowser.Page retry = clinician.post("/console/journeys/00000000-0000-0000-0000-000000000001/incidents/x/retry",
                Map.of());
        assertThat(retry.status()).isEqualTo(403);

        StaffBrowser anonymous = browser();
        StaffBrowser.Page notLoggedIn = anonymous.get("/console/tenants");
        assertThat(notLoggedIn.status()).isEqualTo(302);
        assertThat(notLoggedIn.location()).endsWith("/console/login");
    }

    @Test
    void eachRoleSeesItsOwnNavigation() {
        assertThat(browser().loggedInAs("platform-admin", "platform-admin-local").get("/console").body())
                .contains("id=\"nav-tenants\"", "id=\"nav-operations\"").doesNotContain("id=\"nav-decisions\"");
        assertThat(browser().loggedInAs("clinical-ops", "clinical-ops-local").get("/console").body())
                .contains("id=\"nav-decisions\"").doesNotContain("id=\"nav-tenants\"");
    }

    @Test
    void logoutNeedsItsCsrfTokenAndEndsTheSession() {
        StaffBrowser browser = browser().loggedInAs("pharmacist", "pharmacist-local");
        StaffBrowser.Page forged = browser.postExactly("/console/logout", Map.of());
        assertThat(forged.status()).isEqualTo(403);
        assertThat(browser.get("/console").status()).as("still logged in").isEqualTo(200);

        String session = browser.sessionCookie();
        StaffBrowser.Page out = browser.post("/console/logout", Map.of());
        assertThat(out.status()).isEqualTo(302);
        assertThat(out.location()).endsWith("/console/login?logout");

        StaffBrowser replay = browser();
        replay.useSession(session);
        StaffBrowser.Page stale = replay.get("/console");
        assertThat(stale.status()).isEqualTo(302);
        assertThat(stale.location()).contains("/console/login");
    }

    @Test
    void theAgentsChainsIgnoreConsoleSessionsAndTheConsoleIgnoresBearerTokens() throws Exception {
        StaffBrowser browser = browser().loggedInAs("platform-admin", "platform-admin-local");
        HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/v1/admin/tenants"))
                .header("Accept", "application/json")
                .header("Cookie", StaffBrowser.COOKIE + "=" + browser.sessionCookie()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).as("a console session opens no API endpoint").isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(api.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith(StaffBrowser.COOKIE));

        HttpResponse<String> console = HttpClient.newHttpClient().send(asStaff(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/console"))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(console.statusCode()).as("a platform token opens no console page").isEqualTo(302);
        assertThat(console.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/login"));
    }

    @Test
    void htmxIsServedFromItsWebjarUnderTheConsole() {
        StaffBrowser.Page htmx = browser().get("/console/webjars/htmx.org/dist/htmx.min.js");
        assertThat(htmx.status()).isEqualTo(200);
        assertThat(htmx.body()).contains("htmx");
    }
}
