package dev.carepath.portal.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
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
        page.getByText("Incidents", new Page.GetByTextOptions().setExact(true)).first().click();
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
