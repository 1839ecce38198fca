package dev.carepath.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.engine.journey.JourneyVariables;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.AuthorizationException;
import org.operaton.bpm.engine.AuthorizationService;
import org.operaton.bpm.engine.ExternalTaskService;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.engine.authorization.Authorization;
import org.operaton.bpm.engine.authorization.Permissions;
import org.operaton.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.operaton.bpm.engine.authorization.Resources;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Operaton's authorization on the real engine (PostgreSQL), account by account, over the engine REST API as the
 * workers, the portal and staff call it: each account does what its work needs and is refused the rest. The
 * journeys run by the engine's own code (no user) are covered by the journey ITs, which run with these checks on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class EngineAuthorizationIT {

    private static final String[] WORKERS = {"jobworkers", "workers-local"};
    private static final String[] PORTAL = {"portal", "portal-local"};
    private static final String[] CONSOLE = {"portalconsole", "portal-console-local"};
    private static final String[] CLINICIAN = {"clinician", "clinician-local"};
    private static final String[] CAREOPS = {"careops", "careops-local"};
    private static final String[] PHARMACIST = {"pharmacist", "pharmacist-local"};
    private static final String[] CLINICALOPS = {"clinicalops", "clinicalops-local"};
    private static final String[] ADMIN = {"admin", "admin-local"};

    @Autowired TestRestTemplate http;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired HistoryService history;
    @Autowired IdentityService identity;
    @Autowired ExternalTaskService externalTasks;
    @Autowired RepositoryService repository;
    @Autowired AuthorizationService authorizations;
    @Autowired EngineTenants tenants;
    @Autowired EngineAuthorizations grants;

    private final ObjectMapper json = new ObjectMapper();
    private final String tenant = "authz-" + UUID.randomUUID().toString().substring(0, 8);

    // ---- actuator ----

    @Test
    void theActuatorAnswersAnonymousCallsForHealthOnly() {
        for (String health : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness")) {
            assertThat(http.getForEntity(health, String.class).getStatusCode().value()).as(health).isEqualTo(200);
        }
        for (String endpoint : List.of("/actuator", "/actuator/info", "/actuator/metrics", "/actuator/metrics/jvm.memory.used")) {
            ResponseEntity<String> anonymous = http.getForEntity(endpoint, String.class);
            assertThat(anonymous.getStatusCode().value()).as(endpoint).isEqualTo(401);
            assertThat(anonymous.getHeaders().getContentType()).as(endpoint)
                    .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(read(anonymous.getBody()).path("type").asText())
                    .isEqualTo("https://carepath.dev/problems/unauthorized");
            assertThat(http.withBasicAuth(WORKERS[0], WORKERS[1]).getForEntity(endpoint, String.class)
                    .getStatusCode().value()).as("an engine account is no ops account: " + endpoint).isEqualTo(401);
        }
        assertThat(http.withBasicAuth("ops", "ops-local").getForEntity("/actuator/metrics", String.class)
                .getStatusCode().value()).isEqualTo(200);
        assertThat(http.withBasicAuth("ops", "wrong").getForEntity("/actuator/metrics", String.class)
                .getStatusCode().value()).isEqualTo(401);
    }

    // ---- workers ----

    @Test
    void theWorkersFetchExtendFailAndCompleteTheJourneysExternalTasks() {
        ProcessInstance journey = startJourney();
        String workerId = "it-worker-" + UUID.randomUUID();

        JsonNode locked = fetch(WORKERS, workerId, "evaluate-eligibility", journey.getBusinessKey());
        assertThat(locked).hasSize(1);
        assertThat(locked.get(0).path("tenantId").asText()).isEqualTo(tenant);
        assertThat(locked.get(0).path("variables").path(JourneyVariables.ORDER_ID).path("value").asText())
                .as("a locked task carries its instance's variables").isEqualTo(journey.getBusinessKey());
        String taskId = locked.get(0).path("id").asText();

        assertThat(post(WORKERS, "/external-task/" + taskId + "/extendLock",
                Map.of("workerId", workerId, "newDuration", 30_000))).isEqualTo(204);
        assertThat(post(WORKERS, "/external-task/" + taskId + "/failure", Map.of("workerId", workerId,
                "errorMessage", "partner unavailable", "retries", 3, "retryTimeout", 0))).isEqualTo(204);
        assertThat(fetch(WORKERS, workerId, "evaluate-eligibility", journey.getBusinessKey())).hasSize(1);
        assertThat(post(WORKERS, "/external-task/" + taskId + "/complete", Map.of("workerId", workerId,
                "variables", Map.of("eligibilityOutcome", Map.of("value", "refer", "type", "String"))))).isEqualTo(204);
        assertThat(tasks.createTaskQuery().processInstanceId(journey.getId()).taskDefinitionKey("UserTask_ReviewEligibility")
                .count()).as("the journey went on").isEqualTo(1);

        ProcessInstance charging = startJourneyAt("Task_ChargePayment");
        JsonNode charge = fetch(WORKERS, workerId, "charge-payment", charging.getBusinessKey());
        assertThat(charge).hasSize(1);
        assertThat(post(WORKERS, "/external-task/" + charge.get(0).path("id").asText() + "/bpmnError",
                Map.of("workerId", workerId, "errorCode", "PAYMENT_DECLINED", "errorMessage", "declined")))
                .isEqualTo(204);
    }

    @Test
    void theWorkersReadTheEligibilityTableInForceAndNoOtherDecision() {
        ResponseEntity<String> latest = get(WORKERS, "/decision-definition/key/eligibility");
        assertThat(latest.getStatusCode().value()).isEqualTo(200);
        String id = read(latest.getBody()).path("id").asText();
        ResponseEntity<String> xml = get(WORKERS, "/decision-definition/" + id + "/xml");
        assertThat(xml.getStatusCode().value()).isEqualTo(200);
        assertThat(read(xml.getBody()).path("dmnXml").asText()).contains("decision id=\"eligibility\"");

        assertThat(get(WORKERS, "/decision-definition/key/titration").getStatusCode().value())
                .as("another decision is not theirs to read").isNotEqualTo(200);
        assertThat(get(WORKERS, "/decision-definition?key=eligibility").getStatusCode().value())
                .as("no query beyond the two reads").isEqualTo(403);
        assertThat(exchange(WORKERS, HttpMethod.POST, "/decision-definition/key/eligibility/evaluate", Map.of())
                .getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void theWorkersAreRefusedEverythingElse() {
        ProcessInstance journey = startJourney();
        String id = journey.getId();
        String businessKey = UUID.randomUUID().toString();

        // Over REST: any call but their external-task calls is refused before the engine sees it.
        assertThat(post(WORKERS, "/process-definition/key/" + JourneyVariables.PROCESS_KEY + "/start",
                Map.of("businessKey", businessKey))).isEqualTo(403);
        assertThat(exchange(WORKERS, HttpMethod.DELETE, "/process-instance/" + id, null).getStatusCode().value())
                .isEqualTo(403);
        assertThat(deploy(WORKERS, "workers-probe.dmn", probeDecision("workers-probe-" + suffix())).getStatusCode()
                .value()).isEqualTo(403);
        assertThat(get(WORKERS, "/process-instance/" + id + "/variables").getStatusCode().value()).isEqualTo(403);
        ResponseEntity<String> setVariable = exchange(WORKERS, HttpMethod.PUT,
                "/process-instance/" + id + "/variables/stateCode", Map.of("value", "CA", "type", "String"));
        assertThat(setVariable.getStatusCode().value()).isEqualTo(403);
        assertThat(setVariable.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(get(WORKERS, "/history/process-instance?processInstanceId=" + id).getStatusCode().value())
                .isEqualTo(403);
        assertThat(get(WORKERS, "/history/variable-instance?processInstanceId=" + id).getStatusCode().value())
                .isEqualTo(403);
        assertThat(get(WORKERS, "/external-task?processInstanceId=" + id).getStatusCode().value()).isEqualTo(403);
        assertThat(get(WORKERS, "/external-task/fetchAndLock/../../process-instance").getStatusCode()
                .is4xxClientError()).as("no way round the list by a relative path").isTrue();

        // In the engine too, as the workers' account with its group and tenants: no start, delete, history or
        // variables of instances, only what their grant (read and update the journey's instances) allows.
        Map<String, Object> variables = journeyVariables(businessKey);
        identity.setAuthentication(WORKERS[0], List.of(ServiceAccounts.WORKERS_GROUP), List.of(tenant));
        try {
            // the definition is not theirs to read, so Operaton does not find it for them
            assertThatThrownBy(() -> runtime.startProcessInstanceByKey(JourneyVariables.PROCESS_KEY, businessKey,
                    variables)).isInstanceOf(ProcessEngineException.class);
            assertThatThrownBy(() -> runtime.deleteProcessInstance(id, "probe"))
                    .isInstanceOf(AuthorizationException.class);
            assertThatThrownBy(() -> runtime.getVariables(id)).isInstanceOf(AuthorizationException.class);
            assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(id).count()).isZero();
            assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(id).count()).isZero();
            assertThat(runtime.createProcessInstanceQuery().processInstanceId(id).count()).isEqualTo(1);
        } finally {
            identity.clearAuthentication();
        }
        assertThat(runtime.getVariable(id, JourneyVariables.STATE_CODE)).isEqualTo("TX");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(id).count()).isEqualTo(1);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).count()).isZero();
    }

    // ---- portal ----

    @Test
    void thePortalDeploysAndReadsDecisionTablesAndNothingElse() {
        String key = "portal-probe-" + suffix();
        ResponseEntity<String> deployed = deploy(PORTAL, key + ".dmn", probeDecision(key));
        assertThat(deployed.getStatusCode().value()).as(deployed.getBody()).isEqualTo(200);
        JsonNode latest = read(get(PORTAL, "/decision-definition/key/" + key).getBody());
        assertThat(latest.path("key").asText()).isEqualTo(key);
        assertThat(read(get(PORTAL, "/decision-definition/" + latest.path("id").asText() + "/xml").getBody())
                .path("dmnXml").asText()).contains(key);

        String processName = "portal-process-" + suffix();
        ResponseEntity<String> process = deploy(PORTAL, processName + ".bpmn", probeProcess(processName));
        assertThat(process.getStatusCode().value()).as(process.getBody()).isEqualTo(403);
        assertThat(repository.createDeploymentQuery().deploymentName(processName).count())
                .as("nothing stored").isZero();

        ProcessInstance journey = startJourney();
        String workerId = "it-worker-" + UUID.randomUUID();
        JsonNode locked = fetch(WORKERS, workerId, "evaluate-eligibility", journey.getBusinessKey());
        assertThat(locked).hasSize(1);
        assertThat(post(PORTAL, "/external-task/fetchAndLock", Map.of("workerId", workerId, "maxTasks", 1,
                "topics", List.of(Map.of("topicName", "evaluate-eligibility", "lockDuration", 1000))))).isEqualTo(403);
        assertThat(post(PORTAL, "/external-task/" + locked.get(0).path("id").asText() + "/complete",
                Map.of("workerId", workerId))).isEqualTo(403);
        String businessKey = UUID.randomUUID().toString();
        assertThat(post(PORTAL, "/process-definition/key/" + JourneyVariables.PROCESS_KEY + "/start",
                Map.of("businessKey", businessKey))).isEqualTo(403);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).count()).isZero();
        assertThat(exchange(PORTAL, HttpMethod.PUT, "/process-instance/" + journey.getId() + "/variables/stateCode",
                Map.of("value", "CA", "type", "String")).getStatusCode().value()).isEqualTo(403);
        assertThat(exchange(PORTAL, HttpMethod.DELETE, "/process-instance/" + journey.getId(), null)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(get(PORTAL, "/process-instance?businessKey=" + journey.getBusinessKey()).getStatusCode().value())
                .isEqualTo(403);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(journey.getId()).count()).isEqualTo(1);

        // In the engine too: the portal's account is a member of no tenant, and even with the journey's tenant it
        // holds no grant on the journeys.
        String lockedTask = locked.get(0).path("id").asText();
        identity.setAuthentication(PORTAL[0], List.of(), List.of());
        try {
            assertThatThrownBy(() -> externalTasks.complete(lockedTask, workerId))
                    .isInstanceOf(ProcessEngineException.class).hasMessageContaining("no authenticated tenant");
        } finally {
            identity.clearAuthentication();
        }
        identity.setAuthentication(PORTAL[0], List.of(), List.of(tenant));
        try {
            assertThat(externalTasks.createExternalTaskQuery().processInstanceId(journey.getId()).count()).isZero();
            assertThatThrownBy(() -> externalTasks.complete(lockedTask, workerId))
                    .isInstanceOf(AuthorizationException.class);
            assertThat(runtime.createProcessInstanceQuery().processInstanceId(journey.getId()).count()).isZero();
        } finally {
            identity.clearAuthentication();
        }
        assertThat(externalTasks.createExternalTaskQuery().externalTaskId(lockedTask).count())
                .as("the task is still there").isEqualTo(1);
    }

    // ---- the portal's staff console ----

    @Test
    void theConsoleReadsJourneysAndRetriesIncidentsAndNothingElse() {
        ProcessInstance journey = startJourney();
        assertThat(list(CONSOLE, "/process-instance?businessKey=" + journey.getBusinessKey())).hasSize(1);
        assertThat(list(CONSOLE, "/process-instance/" + journey.getId() + "/activity-instances").toString())
                .contains("Task_EvaluateEligibility");
        String workerId = "it-worker-" + UUID.randomUUID();
        JsonNode locked = fetch(WORKERS, workerId, "evaluate-eligibility", journey.getBusinessKey());
        String task = locked.get(0).path("id").asText();
        assertThat(post(WORKERS, "/external-task/" + task + "/failure", Map.of("workerId", workerId,
                "errorMessage", "it failure", "retries", 0, "retryTimeout", 0))).isEqualTo(204);
        JsonNode incidents = list(CONSOLE, "/incident?processInstanceId=" + journey.getId());
        assertThat(incidents).hasSize(1);
        assertThat(list(CONSOLE, "/task/count?candidateGroup=care-ops").has("count")).isTrue();

        assertThat(exchange(CONSOLE, HttpMethod.PUT, "/external-task/" + task + "/retries", Map.of("retries", 1))
                .getStatusCode().value()).isEqualTo(204);
        assertThat(runtime.createIncidentQuery().processInstanceId(journey.getId()).count()).isZero();

        // Nothing beyond: no completion, variables, start, delete, deployment.
        assertThat(post(CONSOLE, "/external-task/fetchAndLock", Map.of("workerId", workerId, "maxTasks", 1,
                "topics", List.of(Map.of("topicName", "evaluate-eligibility", "lockDuration", 1000))))).isEqualTo(403);
        assertThat(get(CONSOLE, "/process-instance/" + journey.getId() + "/variables").getStatusCode().value())
                .isEqualTo(403);
        assertThat(exchange(CONSOLE, HttpMethod.PUT, "/process-instance/" + journey.getId() + "/variables/stateCode",
                Map.of("value", "CA", "type", "String")).getStatusCode().value()).isEqualTo(403);
        assertThat(post(CONSOLE, "/process-definition/key/" + JourneyVariables.PROCESS_KEY + "/start",
                Map.of("businessKey", UUID.randomUUID().toString()))).isEqualTo(403);
        assertThat(exchange(CONSOLE, HttpMethod.DELETE, "/process-instance/" + journey.getId(), null)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(deploy(CONSOLE, "console-probe-" + suffix() + ".dmn", probeDecision("console-probe-" + suffix()))
                .getStatusCode().value()).isEqualTo(403);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(journey.getId()).count()).isEqualTo(1);
    }

    // ---- staff ----

    @Test
    void staffSeeAndWorkOnlyWhatTheirGroupAllows() {
        ProcessInstance review = startJourneyAt("UserTask_ReviewEligibility");
        ProcessInstance assign = startJourneyAt("UserTask_AssignProvider");
        String reviewTask = tasks.createTaskQuery().processInstanceId(review.getId()).singleResult().getId();
        String assignTask = tasks.createTaskQuery().processInstanceId(assign.getId()).singleResult().getId();

        // clinicians: their task and its variables, not care ops' task, no instance, no history
        assertThat(list(CLINICIAN, "/task?processInstanceId=" + assign.getId())).isEmpty();
        assertThat(post(CLINICIAN, "/task/" + assignTask + "/complete", Map.of())).isEqualTo(403);
        assertThat(list(CLINICIAN, "/task?processInstanceId=" + review.getId())).hasSize(1);
        assertThat(get(CLINICIAN, "/task/" + reviewTask + "/variables").getStatusCode().value()).isEqualTo(200);
        assertThat(list(CLINICIAN, "/process-instance?businessKey=" + review.getBusinessKey())).isEmpty();
        assertThat(list(CLINICIAN, "/history/process-instance?processInstanceId=" + review.getId())).isEmpty();
        assertThat(list(PHARMACIST, "/task?processInstanceId=" + assign.getId())).isEmpty();
        assertThat(list(PHARMACIST, "/task?processInstanceId=" + review.getId())).isEmpty();

        // care ops: their task, the journey instances with history and variables; no deploy, no delete
        assertThat(list(CAREOPS, "/task?processInstanceId=" + assign.getId())).hasSize(1);
        assertThat(list(CAREOPS, "/task?processInstanceId=" + review.getId())).isEmpty();
        assertThat(list(CAREOPS, "/process-instance?businessKey=" + review.getBusinessKey())).hasSize(1);
        assertThat(list(CAREOPS, "/history/process-instance?processInstanceId=" + review.getId())).hasSize(1);
        assertThat(get(CAREOPS, "/process-instance/" + review.getId() + "/variables").getStatusCode().value())
                .isEqualTo(200);
        assertThat(deploy(CAREOPS, "careops-probe.dmn", probeDecision("careops-probe-" + suffix()))
                .getStatusCode().value()).isEqualTo(403);
        assertThat(exchange(CAREOPS, HttpMethod.DELETE, "/process-instance/" + review.getId(), null)
                .getStatusCode().value()).isEqualTo(403);

        // clinical ops: the decision tables, no journey, no task
        assertThat(list(CLINICALOPS, "/decision-definition?key=titration")).isNotEmpty();
        assertThat(list(CLINICALOPS, "/process-instance?businessKey=" + review.getBusinessKey())).isEmpty();
        assertThat(list(CLINICALOPS, "/task?processInstanceId=" + assign.getId())).isEmpty();

        // the platform admin sees every journey of every tenant
        assertThat(list(ADMIN, "/process-instance?businessKey=" + assign.getBusinessKey())).hasSize(1);

        // a clinician completes their own task; the journey goes on
        assertThat(post(CLINICIAN, "/task/" + reviewTask + "/complete", Map.of("variables",
                Map.of("eligibilityApproved", Map.of("value", false, "type", "Boolean"))))).isEqualTo(204);
        assertThat(tasks.createTaskQuery().taskId(reviewTask).count()).isZero();
    }

    @Test
    void careOpsRetryAnIncidentAndOtherStaffCannot() {
        ProcessInstance journey = startJourney();
        String workerId = "it-worker-" + UUID.randomUUID();
        String taskId = fetch(WORKERS, workerId, "evaluate-eligibility", journey.getBusinessKey()).get(0)
                .path("id").asText();
        assertThat(post(WORKERS, "/external-task/" + taskId + "/failure", Map.of("workerId", workerId,
                "errorMessage", "out of retries", "retries", 0, "retryTimeout", 0))).isEqualTo(204);
        assertThat(list(CAREOPS, "/incident?processInstanceId=" + journey.getId())).hasSize(1);
        assertThat(list(CLINICIAN, "/incident?processInstanceId=" + journey.getId())).isEmpty();

        assertThat(exchange(CLINICIAN, HttpMethod.PUT, "/external-task/" + taskId + "/retries", Map.of("retries", 1))
                .getStatusCode().value()).isEqualTo(403);
        assertThat(exchange(CAREOPS, HttpMethod.PUT, "/external-task/" + taskId + "/retries", Map.of("retries", 1))
                .getStatusCode().value()).isEqualTo(204);
        assertThat(runtime.createIncidentQuery().processInstanceId(journey.getId()).count()).isZero();
    }

    @Test
    void eachGroupOpensOnlyTheWebappsOfItsRole() {
        assertThat(opens("clinician", StaffAccounts.CLINICIANS, EngineAuthorizations.TASKLIST)).isTrue();
        assertThat(opens("clinician", StaffAccounts.CLINICIANS, EngineAuthorizations.COCKPIT)).isFalse();
        assertThat(opens("pharmacist", StaffAccounts.PHARMACISTS, EngineAuthorizations.COCKPIT)).isFalse();
        assertThat(opens("careops", StaffAccounts.CARE_OPS, EngineAuthorizations.COCKPIT)).isTrue();
        assertThat(opens("clinicalops", StaffAccounts.CLINICAL_OPS, EngineAuthorizations.COCKPIT)).isTrue();
        assertThat(opens("clinicalops", StaffAccounts.CLINICAL_OPS, EngineAuthorizations.TASKLIST)).isFalse();
        assertThat(opens("jobworkers", ServiceAccounts.WORKERS_GROUP, EngineAuthorizations.COCKPIT)).isFalse();
        assertThat(opens("portal", null, EngineAuthorizations.COCKPIT)).isFalse();
        assertThat(opens("careops", StaffAccounts.CARE_OPS, "admin")).isFalse();
    }

    @Test
    void theGrantsAreSetBackAtStartWhenChangedAndNeverDuplicated() {
        Authorization workers = authorizations.createAuthorizationQuery().groupIdIn(ServiceAccounts.WORKERS_GROUP)
                .resourceType(Resources.PROCESS_DEFINITION).resourceId(JourneyVariables.PROCESS_KEY).singleResult();
        workers.addPermission(ProcessDefinitionPermissions.DELETE_INSTANCE);
        authorizations.saveAuthorization(workers);
        long before = authorizations.createAuthorizationQuery().count();

        grants.run(null);

        assertThat(authorizations.createAuthorizationQuery().count()).isEqualTo(before);
        Authorization kept = authorizations.createAuthorizationQuery().groupIdIn(ServiceAccounts.WORKERS_GROUP)
                .resourceType(Resources.PROCESS_DEFINITION).resourceId(JourneyVariables.PROCESS_KEY).singleResult();
        assertThat(kept.isPermissionGranted(ProcessDefinitionPermissions.DELETE_INSTANCE)).isFalse();
        assertThat(kept.isPermissionGranted(ProcessDefinitionPermissions.UPDATE_INSTANCE)).isTrue();
    }

    // ---- helpers ----

    private boolean opens(String user, String group, String application) {
        return authorizations.isUserAuthorized(user, group == null ? List.of() : List.of(group), Permissions.ACCESS,
                Resources.APPLICATION, application);
    }

    /** A journey of the test's tenant, started as the orchestrator starts one (no user), at its first task. */
    private ProcessInstance startJourney() {
        String orderId = UUID.randomUUID().toString();
        ProcessInstance instance = runtime.createProcessInstanceByKey(JourneyVariables.PROCESS_KEY)
                .businessKey(orderId).setVariables(journeyVariables(orderId)).execute();
        await().atMost(Duration.ofSeconds(30)).until(() -> runtime.createExecutionQuery()
                .processInstanceId(instance.getId()).activityId("Task_EvaluateEligibility").count() > 0);
        return instance;
    }

    private ProcessInstance startJourneyAt(String activityId) {
        String orderId = UUID.randomUUID().toString();
        return runtime.createProcessInstanceByKey(JourneyVariables.PROCESS_KEY)
                .businessKey(orderId).setVariables(journeyVariables(orderId))
                .startBeforeActivity(activityId).execute();
    }

    private Map<String, Object> journeyVariables(String orderId) {
        tenants.ensure(tenant);
        Map<String, Object> variables = new HashMap<>();
        variables.put(JourneyVariables.ORDER_ID, orderId);
        variables.put(JourneyVariables.TENANT_ID, tenant);
        variables.put(JourneyVariables.CYCLE, 1);
        variables.put(JourneyVariables.DOSE_STEP, 1);
        variables.put(JourneyVariables.THERAPY, "semaglutide");
        variables.put(JourneyVariables.STATE_CODE, "TX");
        variables.put(JourneyVariables.COST_TIER, "standard");
        variables.put(JourneyVariables.PAYMENT_TOKEN, "tok_it_authz");
        return variables;
    }

    private JsonNode fetch(String[] account, String workerId, String topic, String businessKey) {
        var body = Map.of("workerId", workerId, "maxTasks", 10, "topics",
                List.of(Map.of("topicName", topic, "lockDuration", 20_000, "businessKey", businessKey)));
        ResponseEntity<String> response = exchange(account, HttpMethod.POST, "/external-task/fetchAndLock", body);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return read(response.getBody());
    }

    private int post(String[] account, String path, Object body) {
        return exchange(account, HttpMethod.POST, path, body).getStatusCode().value();
    }

    private ResponseEntity<String> get(String[] account, String path) {
        return exchange(account, HttpMethod.GET, path, null);
    }

    private JsonNode list(String[] account, String path) {
        ResponseEntity<String> response = get(account, path);
        assertThat(response.getStatusCode().value()).as(path + ": " + response.getBody()).isEqualTo(200);
        return read(response.getBody());
    }

    private ResponseEntity<String> exchange(String[] account, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(account[0], account[1])
                .exchange("/engine-rest" + path, method, new HttpEntity<>(body, headers), String.class);
    }

    private ResponseEntity<String> deploy(String[] account, String fileName, String xml) {
        var parts = new LinkedMultiValueMap<String, Object>();
        parts.add("deployment-name", fileName.substring(0, fileName.lastIndexOf('.')));
        parts.add("data", new ByteArrayResource(xml.getBytes()) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return http.withBasicAuth(account[0], account[1])
                .exchange("/engine-rest/deployment/create", HttpMethod.POST, new HttpEntity<>(parts, headers),
                        String.class);
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String probeDecision(String key) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="Definitions_%1$s"
                    name="probe" namespace="https://carepath.dev/dmn/probe">
                  <decision id="%1$s" name="Probe">
                    <decisionTable id="DecisionTable_Probe" hitPolicy="FIRST">
                      <input id="Input_Therapy" label="therapy">
                        <inputExpression id="InputExpression_Therapy" typeRef="string"><text>therapy</text></inputExpression>
                      </input>
                      <output id="Output_Offered" name="offered" typeRef="boolean"/>
                      <rule id="Rule_Any">
                        <inputEntry id="InputEntry_Any"><text>-</text></inputEntry>
                        <outputEntry id="OutputEntry_True"><text>true</text></outputEntry>
                      </rule>
                    </decisionTable>
                  </decision>
                </definitions>
                """.formatted(key);
    }

    private static String probeProcess(String key) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:operaton="http://operaton.org/schema/1.0/bpmn" id="Definitions_Probe"
                    targetNamespace="https://carepath.dev/bpmn/probe">
                  <bpmn:process id="%1$s" isExecutable="true" operaton:historyTimeToLive="1">
                    <bpmn:startEvent id="StartEvent_Probe"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key.replace('-', '_'));
    }
}
