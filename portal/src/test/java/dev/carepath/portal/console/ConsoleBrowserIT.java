package dev.carepath.portal.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.dmn.DecisionTables;
import dev.carepath.portal.BackboneEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Staff at work in a real browser (Playwright for Java driving headless Chromium) against the whole stack, every
 * deployable a process of its own ({@link ConsoleStack}), started once for every scenario here.
 * <ul>
 *   <li>Care ops find a journey stranded in an incident (the payment processor was down) through the console's
 *       journey search, retry the incident on the journey's page, and the journey completes.</li>
 *   <li>Clinical ops edit the eligibility table: an edit that breaks golden cases shows the failing row and cannot be
 *       deployed; a fix passes, is deployed from the page, and the next journey follows it; the history shows who
 *       deployed it and the rule diff, and a roll back restores the earlier file.</li>
 *   <li>Care ops get the 403 page for the decision and tenant pages.</li>
 *   <li>A clinician reveals a journey's intake for a stated purpose (hidden until then); the journey's audit log shows
 *       the reveal.</li>
 *   <li>A platform admin revokes a tenant's machine client; its token is refused from its next API call.</li>
 *   <li>A platform admin finds an event the read model refused on its dead-letter queue, inspects and replays it, and
 *       the journey's timeline shows the step.</li>
 *   <li>At a tablet's width (768 px), staff log in and reach the journeys by keyboard alone; no page of the console
 *       is wider than the screen, and every control on it has a label.</li>
 *   <li>Operaton's Cockpit: the platform admin logs in, opens the patient-journey definition (its diagram renders)
 *       and finds the instance of a journey stranded in an incident.</li>
 *   <li>Operaton's Tasklist: a clinician logs in, claims <em>Review eligibility</em> of a referred journey and
 *       approves it; the journey goes on to the payment.</li>
 * </ul>
 */
class ConsoleBrowserIT {

    private static final List<String> AGENT_SCOPES = List.of("journeys:write", "journeys:read");

    private static ConsoleStack stack;
    private static Chromium chromium;

    private Page page;

    @BeforeAll
    static void startTheStackAndTheBrowser() throws IOException {
        stack = ConsoleStack.start();
        chromium = Chromium.launch();
    }

    @AfterAll
    static void stopThem() {
        if (chromium != null) {
            chromium.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void newBrowserContext() {
        page = chromium.newPage();
    }

    @AfterEach
    void closeTheContext() {
        page.context().close();
    }

    @Test
    void thePlatformAdminSeesTheJourneyModelAndAStrandedInstanceInCockpit() {
        String tenant = stack.newTenant();
        String agent = stack.token(stack.newClient(tenant, AGENT_SCOPES));
        ConsoleStack.Stranded stranded = stack.strandedJourney(agent);
        String definitionId = stack.engineGet("/process-instance/" + stranded.processInstanceId())
                .path("definitionId").asText();

        operatonLogin("cockpit", ConsoleStack.ENGINE_ADMIN, ConsoleStack.ENGINE_ADMIN_PASSWORD);
        page.navigate(stack.engineUrl() + "/operaton/app/cockpit/default/#/process-definition/" + definitionId
                + "/runtime");
        // The diagram renders: bpmn-js draws every element of the model, the charge among them.
        PlaywrightAssertions.assertThat(page.locator(".djs-element[data-element-id='Task_ChargePayment']").first()).isVisible();
        PlaywrightAssertions.assertThat(page.locator(".djs-element[data-element-id='UserTask_ReviewEligibility']").first()).isVisible();
        chromium.screenshot(page, "cockpit-patient-journey");

        page.locator("a[href*='" + stranded.processInstanceId() + "']").first().click();
        PlaywrightAssertions.assertThat(page).hasURL(Pattern.compile(".*process-instance/" + stranded.processInstanceId() + ".*"));
        page.getByText("Incidents", new Page.GetByTextOptions().setExact(true))
                .filter(new Locator.FilterOptions().setVisible(true)).first().click();
        PlaywrightAssertions.assertThat(page.locator("table").filter(new Locator.FilterOptions()
                .setHasText("Charge payment")).first()).isVisible();
        chromium.screenshot(page, "cockpit-incident");
    }

    @Test
    void aClinicianApprovesAReferredPatientInTasklist() {
        String tenant = stack.newTenant();
        String agent = stack.token(stack.newClient(tenant, AGENT_SCOPES));
        UUID journey = stack.startJourney(agent, "semaglutide", "NY", Intakes.REFERRED);
        String instance = stack.processInstance(journey);
        JsonNode task = await().atMost(ConsoleStack.JOURNEY).pollInterval(Duration.ofMillis(500))
                .until(() -> stack.engineGet("/task?processInstanceId=" + instance), found -> found.size() > 0).get(0);
        assertThat(task.path("taskDefinitionKey").asText()).isEqualTo("UserTask_ReviewEligibility");

        operatonLogin("tasklist", "clinician", "clinician-local");
        page.navigate(stack.engineUrl() + "/operaton/app/tasklist/default/#/?task=" + task.path("id").asText());
        page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Claim")).click();
        page.locator("input[name='eligibilityApproved']").check();
        chromium.screenshot(page, "tasklist-review-eligibility");
        page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Complete")).click();

        // Approved: the journey leaves the review and goes on to the payment, and on to its end.
        await().atMost(ConsoleStack.JOURNEY).pollInterval(Duration.ofMillis(500))
                .until(() -> stack.engineGet("/task?processInstanceId=" + instance).size() == 0);
        JsonNode approved = stack.engineGet("/history/variable-instance?processInstanceId=" + instance
                + "&variableName=eligibilityApproved");
        assertThat(approved.get(0).path("value").asBoolean()).isTrue();
        await().atMost(ConsoleStack.JOURNEY).pollInterval(Duration.ofMillis(500))
                .until(() -> stack.status(agent, journey), status -> status.equals("COMPLETED"));
    }

    @Test
    void careOpsFindsAStrandedJourneyAndRetriesItsIncidentAndTheJourneyCompletes() {
        String tenant = stack.newTenant();
        String agent = stack.token(stack.newClient(tenant, AGENT_SCOPES));
        ConsoleStack.Stranded stranded = stack.strandedJourney(agent);
        // The processor is up again (strandedJourney restored it); the journey waits in its incident until a retry.

        long started = System.nanoTime();
        int clicks = 0;
        consoleLogin("care-ops", "care-ops-local");
        clicks++;
        page.locator("#nav-journeys").click();
        clicks++;
        page.getByLabel("Tenant").fill(tenant);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
        clicks++;
        page.locator("#journey-table a.journey-link", new Page.LocatorOptions()
                .setHasText(stranded.journey().toString())).click();
        clicks++;
        Locator incident = page.locator("#incident-table tr[data-incident-id='" + stranded.incidentId() + "']");
        PlaywrightAssertions.assertThat(incident).containsText(stranded.activityId());
        chromium.screenshot(page, "journey-incident");
        page.locator("#retry-" + stranded.incidentId()).click();
        clicks++;
        PlaywrightAssertions.assertThat(page.locator("#flash")).isVisible();
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        // A measure for the notes, not an assertion: how long a care-ops user takes from login to a retried incident.
        System.out.printf("care-ops: login to retried incident in %d ms, %d clicks%n", elapsedMs, clicks);

        await().atMost(ConsoleStack.JOURNEY).pollInterval(Duration.ofMillis(500))
                .until(() -> stack.status(agent, stranded.journey()), status -> status.equals("COMPLETED"));
        assertThat(stack.engineGet("/incident?processInstanceId=" + stranded.processInstanceId()).size()).isZero();
        page.reload();
        PlaywrightAssertions.assertThat(page.locator("#journey-status")).hasText("COMPLETED");
        chromium.screenshot(page, "journey-completed");
    }

    @Test
    void aClinicianRevealsAnIntakeForAPurposeAndTheJourneysAuditLogShowsTheReveal() {
        String tenant = stack.newTenant();
        String agent = stack.token(stack.newClient(tenant, AGENT_SCOPES));
        UUID journey = stack.startJourney(agent, "semaglutide", "TX", Intakes.ELIGIBLE);
        await().atMost(ConsoleStack.JOURNEY).pollInterval(Duration.ofMillis(500))
                .until(() -> stack.journey(agent, journey).status() == 200);

        consoleLogin("clinician", "clinician-local");
        page.navigate(stack.portalUrl() + "/console/journeys/" + journey);
        // Hidden by default: no intake on the page until a clinician states a purpose.
        PlaywrightAssertions.assertThat(page.locator("#phi-form")).isVisible();
        PlaywrightAssertions.assertThat(page.locator("#phi-intake")).hasCount(0);
        assertThat(page.content()).doesNotContain("Quill");
        page.getByLabel("Purpose").selectOption("treatment");
        page.locator("#phi-reveal").click();
        PlaywrightAssertions.assertThat(page.locator("#phi-intake")).containsText("Quill");
        assertThat(page.url()).doesNotContain("Quill").doesNotContain("treatment");
        assertThat(page.title()).doesNotContain("Quill");
        chromium.screenshot(page, "journey-phi-revealed");

        // The reveal is in the audit trail (clinical.phi-accessed, by this clinician, for the purpose), shown on the
        // journey's page once the audit store has it.
        Locator reveal = page.locator("#access-log tr").filter(new Locator.FilterOptions()
                .setHasText("clinical.phi-accessed")).filter(new Locator.FilterOptions().setHasText("intake"))
                // the workers' own reads of the intake are audited too: the row of this clinician's reveal
                .filter(new Locator.FilterOptions().setHasText("clinician"));
        await().atMost(ConsoleStack.JOURNEY).pollInterval(Duration.ofMillis(500)).until(() -> {
            page.navigate(stack.portalUrl() + "/console/journeys/" + journey);
            return reveal.count() > 0;
        });
        PlaywrightAssertions.assertThat(reveal.first()).containsText("clinician");
        PlaywrightAssertions.assertThat(reveal.first()).containsText("treatment");
        PlaywrightAssertions.assertThat(page.locator("#phi-intake")).hasCount(0);
    }

    @Test
    void aPlatformAdminRevokesAClientAndItsNextApiCallIsRefused() {
        String tenant = stack.newTenant();
        ConsoleStack.Client client = stack.newClient(tenant, AGENT_SCOPES);
        String token = stack.token(client);
        assertThat(stack.listJourneys(token).status()).isEqualTo(200);

        consoleLogin("platform-admin", "platform-admin-local");
        page.navigate(stack.portalUrl() + "/console/tenants/" + tenant);
        page.locator("[id='revoke-" + client.id() + "']").click();
        PlaywrightAssertions.assertThat(page.locator("#flash")).isVisible();
        chromium.screenshot(page, "tenant-client-revoked");

        // The token it holds is refused from its next request, and it gets no new one.
        ConsoleStack.Answer refused = stack.listJourneys(token);
        assertThat(refused.status()).as(refused.body()).isEqualTo(401);
        assertThat(stack.tokenFor(client).status()).isEqualTo(401);
    }

    @Test
    void clinicalOpsSeesTheFailingGoldenCaseOfAnEditThenDeploysAFixThatTheNextJourneyFollows() {
        String agent = stack.token(stack.newClient(stack.newTenant(), AGENT_SCOPES));
        String shipped = DecisionTables.shipped("eligibility").orElseThrow().xmlText();
        String noNetwork = "<text>\"LA\",\"MS\",\"AL\"</text>";
        // Texas has a licensed network: golden cases say GLP-1 patients there are eligible.
        String breaksGoldenCases = shipped.replace(noNetwork, "<text>\"LA\",\"MS\",\"AL\",\"TX\"</text>");
        // No network in Nevada (yet): no golden case names NV, every one still passes.
        String noNetworkInNevada = shipped.replace(noNetwork, "<text>\"LA\",\"MS\",\"AL\",\"NV\"</text>");
        assertThat(breaksGoldenCases).isNotEqualTo(shipped);
        assertThat(noNetworkInNevada).isNotEqualTo(shipped);
        boolean restored = false;

        consoleLogin("clinical-ops", "clinical-ops-local");
        page.locator("#nav-decisions").click();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                .setName("Decision tables"))).isVisible();
        chromium.screenshot(page, "decision-tables");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Eligibility").setExact(true)).click();
        Locator noNetworkRule = page.locator("tr[data-rule-id='Rule_Glp1NoLicensedNetwork']");
        PlaywrightAssertions.assertThat(noNetworkRule).containsText("DOMAIN.md, Licensure and routing");
        int before = Integer.parseInt(page.locator("#version-in-force").textContent().trim());
        try {
            // What if: a patient in Nevada, today.
            whatIfNevada();
            PlaywrightAssertions.assertThat(page.locator("#what-if-answer")).containsText("ELIGIBLE_BMI_30");
            PlaywrightAssertions.assertThat(page.locator("tr.matched[data-rule-id='Rule_EligibleBmi30']")).isVisible();
            chromium.screenshot(page, "decision-table-what-if");

            // The edit that breaks golden cases: the report shows the failing row, and no deploy button.
            uploadEligibility(breaksGoldenCases);
            PlaywrightAssertions.assertThat(page.locator("#golden-verdict")).containsText("golden cases fail");
            PlaywrightAssertions.assertThat(page.locator("#golden-failures tr.failure")
                    .filter(new Locator.FilterOptions().setHasText("stateCode=TX"))
                    .filter(new Locator.FilterOptions().setHasText("outcome=eligible")).first()).isVisible();
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                    .setName("Deploy as the new version"))).hasCount(0);
            chromium.screenshot(page, "decision-upload-golden-cases-fail");

            // The fix: every golden case passes; the change is shown rule by rule; deployed only on the button.
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to the table in force")).click();
            PlaywrightAssertions.assertThat(page.locator("#version-in-force")).hasText(String.valueOf(before));
            uploadEligibility(noNetworkInNevada);
            PlaywrightAssertions.assertThat(page.locator("#golden-verdict")).containsText("golden cases pass");
            PlaywrightAssertions.assertThat(page.locator("tr.changed.after[data-rule-id='Rule_Glp1NoLicensedNetwork']"))
                    .containsText("\"NV\"");
            chromium.screenshot(page, "decision-upload-passes");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Deploy as the new version")).click();
            PlaywrightAssertions.assertThat(page.locator("#version-in-force")).hasText(String.valueOf(before + 1));

            // The next journey follows the new rule: not offered in Nevada.
            UUID journey = stack.startJourney(agent, "semaglutide", "NV", Intakes.ELIGIBLE);
            await().atMost(ConsoleStack.JOURNEY).pollInterval(Duration.ofMillis(500))
                    .until(() -> stack.status(agent, journey), status -> status.equals("NOT_OFFERED_IN_STATE"));

            // History: who and when; the rule diff; the roll back to the version before.
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Version history")).click();
            Locator edited = page.locator("#versions tr[data-version='" + (before + 1) + "']");
            PlaywrightAssertions.assertThat(edited).containsText("clinical-ops");
            PlaywrightAssertions.assertThat(edited).containsText("in force");
            page.getByLabel("Compare version").selectOption(String.valueOf(before));
            page.getByLabel("with version").selectOption(String.valueOf(before + 1));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show rule changes")).click();
            PlaywrightAssertions.assertThat(page.locator("tr.changed.after[data-rule-id='Rule_Glp1NoLicensedNetwork']"))
                    .isVisible();
            chromium.screenshot(page, "decision-history");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Roll back to version " + before))
                    .click();
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.STATUS)).containsText("the file of version "
                    + before + " again");
            restored = true;
            Locator rolledBack = page.locator("#versions tr[data-version='" + (before + 2) + "']");
            PlaywrightAssertions.assertThat(rolledBack).containsText("roll back to version " + before);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("eligibility").setExact(true)).click();
            whatIfNevada();
            PlaywrightAssertions.assertThat(page.locator("#what-if-answer")).containsText("ELIGIBLE_BMI_30");
        } finally {
            if (!restored) {
                stack.deployDecision("eligibility", shipped);
            }
        }
    }

    @Test
    void aPlatformAdminReplaysADeadLetterAndTheJourneysTimelineShowsIt() {
        String tenant = stack.newTenant();
        String agent = stack.token(stack.newClient(tenant, AGENT_SCOPES));
        UUID journey = stack.startJourney(agent, "semaglutide", "TX", Intakes.ELIGIBLE);
        await().atMost(ConsoleStack.JOURNEY).pollInterval(Duration.ofMillis(500))
                .until(() -> stack.status(agent, journey), status -> status.equals("COMPLETED"));
        // The read model refused an event of the journey for good (a happy journey opens no incident, so the step is
        // this letter's alone); it waits on the group's dead-letter queue until someone replays it.
        DomainEvent refused = BackboneEvents.event(EventTypes.JOURNEY_INCIDENT_OPENED, journey, tenant,
                OffsetDateTime.now(ZoneOffset.UTC), Map.of("incidentType", "failedExternalTask",
                        "activityId", "Task_ChargePayment", "cycle", 1));
        String group = "portal-read-model";
        stack.deadLetter(group, refused, "the read model's database was unavailable");

        consoleLogin("platform-admin", "platform-admin-local");
        page.navigate(stack.portalUrl() + "/console/journeys/" + journey);
        PlaywrightAssertions.assertThat(page.locator("#journey-status")).hasText("COMPLETED");
        PlaywrightAssertions.assertThat(page.locator("#timeline")).not().containsText(refused.type());

        page.locator("#nav-operations").click();
        page.locator("#ops-dead-letters").click();
        page.locator("#dead-letter-groups tr[data-group='" + group + "'] a.group-link").click();
        Locator letter = page.locator("#dead-letter-table tr[data-message-id='" + refused.id() + "']");
        PlaywrightAssertions.assertThat(letter).containsText(refused.type());
        PlaywrightAssertions.assertThat(letter).containsText("the read model's database was unavailable");
        letter.locator("a.inspect-letter").click();
        PlaywrightAssertions.assertThat(page.locator("#letter-envelope")).containsText(journey.toString());
        chromium.screenshot(page, "dead-letter");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Replay " + refused.id())).click();
        PlaywrightAssertions.assertThat(page.locator("#flash")).containsText("Replayed the message to " + group);
        PlaywrightAssertions.assertThat(page.locator("#dead-letter-table tr[data-message-id='" + refused.id() + "']"))
                .hasCount(0);

        // Its consumer took it: the step is on the journey's timeline, the status unchanged.
        page.navigate(stack.portalUrl() + "/console/journeys/" + journey);
        PlaywrightAssertions.assertThat(page.locator("#timeline")).containsText(refused.type(),
                new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
        PlaywrightAssertions.assertThat(page.locator("#journey-status")).hasText("COMPLETED");
    }

    @Test
    void careOpsCannotOpenTheDecisionOrTenantPages() {
        consoleLogin("care-ops", "care-ops-local");
        PlaywrightAssertions.assertThat(page.locator("#nav-decisions")).hasCount(0);
        PlaywrightAssertions.assertThat(page.locator("#nav-tenants")).hasCount(0);
        for (String path : List.of("/console/decisions", "/console/decisions/eligibility", "/console/tenants")) {
            page.navigate(stack.portalUrl() + path);
            PlaywrightAssertions.assertThat(page.locator("#forbidden-title")).hasText("Not allowed");
            assertThat(page.title()).startsWith("Not allowed");
        }
        chromium.screenshot(page, "forbidden");
    }

    @Test
    void staffWorkTheConsoleByKeyboardAtTabletWidthAndEveryControlHasALabel() {
        page.setViewportSize(768, 1024);
        page.navigate(stack.portalUrl() + "/console/login");
        // Keyboard only: the login form, then the navigation.
        tabTo("username");
        page.keyboard().type("platform-admin");
        page.keyboard().press("Tab");
        page.keyboard().type("platform-admin-local");
        page.keyboard().press("Enter");
        PlaywrightAssertions.assertThat(page.locator("#current-user")).hasText("platform-admin");
        tabTo("nav-journeys");
        page.keyboard().press("Enter");
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                .setName("Journeys").setExact(true))).isVisible();
        chromium.screenshot(page, "tablet-journeys");

        List<String> pages = List.of("/console", "/console/journeys", "/console/tenants",
                "/console/operations/dead-letters", "/console/operations/deliveries", "/console/operations/audit",
                "/console/operations/partners", "/console/operations/tasks");
        for (String path : pages) {
            assertUsableAtThisWidth(path);
        }
        page.context().clearCookies();
        consoleLogin("clinical-ops", "clinical-ops-local");
        for (String path : List.of("/console/decisions", "/console/decisions/eligibility",
                "/console/decisions/eligibility/history")) {
            assertUsableAtThisWidth(path);
        }
    }

    /** Presses Tab until the element with this id has the focus (at most 40 times; none if it has it already). */
    private void tabTo(String id) {
        for (int i = 0; i <= 40; i++) {
            if (id.equals(page.evaluate("document.activeElement && document.activeElement.id"))) {
                return;
            }
            page.keyboard().press("Tab");
        }
        throw new AssertionError("Tab never reached #" + id + " on " + page.url());
    }

    /** The page fits the viewport's width (wide tables scroll in their own box) and labels every control. */
    private void assertUsableAtThisWidth(String path) {
        page.navigate(stack.portalUrl() + path);
        PlaywrightAssertions.assertThat(page.locator("#main")).isVisible();
        Object overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).as("horizontal overflow of %s at 768 px", path).isLessThanOrEqualTo(0);
        @SuppressWarnings("unchecked")
        List<String> unlabelled = (List<String>) page.evaluate("""
                Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea, button'))
                  .filter(e => e.tagName === 'BUTTON'
                      ? !(e.textContent.trim() || e.getAttribute('aria-label'))
                      : !((e.labels && e.labels.length) || e.getAttribute('aria-label')
                          || e.getAttribute('aria-labelledby')))
                  .map(e => e.outerHTML.slice(0, 120))""");
        assertThat(unlabelled).as("controls without a label on %s", path).isEmpty();
    }

    /** The what-if form of the eligibility page, for a patient like Intakes.ELIGIBLE in Nevada. */
    private void whatIfNevada() {
        page.getByLabel("Therapy").fill("semaglutide");
        page.getByLabel("Patient state").fill("NV");
        page.getByLabel("Age (years)").fill("42");
        page.getByLabel("BMI (kg/m2)").fill("32.9");
        page.getByLabel("Weight-related comorbidities").fill("0");
        page.getByLabel("Contraindication").fill("none");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Evaluate")).click();
    }

    /** Chooses the edited file in the upload form and checks it against the golden cases. */
    private void uploadEligibility(String xml) {
        page.getByLabel("Edited DMN file").setInputFiles(new FilePayload("eligibility.dmn", "application/xml",
                xml.getBytes(StandardCharsets.UTF_8)));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check against the golden cases")).click();
    }

    /** Logs into the staff console through its login form. */
    private void consoleLogin(String user, String password) {
        page.navigate(stack.portalUrl() + "/console/login");
        page.getByLabel("Username").fill(user);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        PlaywrightAssertions.assertThat(page.locator("#current-user")).hasText(user);
    }

    /** Logs into one of Operaton's webapps ({@code cockpit}, {@code tasklist}) through its own login form. */
    private void operatonLogin(String app, String user, String password) {
        page.navigate(stack.engineUrl() + "/operaton/app/" + app + "/default/");
        page.getByPlaceholder("Username").fill(user);
        page.getByPlaceholder("Password").fill(password);
        page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Log in")).click();
        PlaywrightAssertions.assertThat(page.getByPlaceholder("Username")).isHidden();
    }
}
