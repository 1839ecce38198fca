package dev.carepath.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The REST calls each service account may make, matched on the path the container routes by. */
class ServiceAccountEndpointsTest {

    @Test
    void theWorkersMayCallTheirExternalTaskEndpoints() {
        assertThat(workers("POST", "/external-task/fetchAndLock")).isTrue();
        for (String call : new String[] {"complete", "failure", "bpmnError", "extendLock", "unlock"}) {
            assertThat(workers("POST", "/external-task/abc-123/" + call)).as(call).isTrue();
        }
        assertThat(workers("GET", "/external-task/fetchAndLock")).isFalse();
        assertThat(workers("GET", "/external-task")).isFalse();
        assertThat(workers("PUT", "/external-task/abc-123/retries")).isFalse();
        assertThat(workers("POST", "/external-task/abc/def/complete")).isFalse();
        assertThat(workers("POST", "/process-definition/key/patient-journey/start")).isFalse();
        assertThat(workers("GET", "/process-instance/abc/variables")).isFalse();
        assertThat(workers("POST", "/deployment/create")).isFalse();
    }

    @Test
    void theWorkersMayReadADecisionsLatestVersionAndItsXml() {
        assertThat(workers("GET", "/decision-definition/key/eligibility")).isTrue();
        assertThat(workers("GET", "/decision-definition/eligibility:3:abc/xml")).isTrue();
        assertThat(workers("GET", "/decision-definition")).isFalse();
        assertThat(workers("POST", "/decision-definition/key/eligibility/evaluate")).isFalse();
        assertThat(workers("GET", "/decision-definition/key/eligibility/xml/extra")).isFalse();
    }

    @Test
    void thePortalMayDeployAndReadDecisionTablesOnly() {
        assertThat(portal("POST", "/deployment/create")).isTrue();
        assertThat(portal("GET", "/decision-definition/key/eligibility")).isTrue();
        assertThat(portal("GET", "/decision-definition/eligibility:3:abc/xml")).isTrue();
        assertThat(portal("GET", "/decision-definition")).isTrue();
        assertThat(portal("GET", "/decision-definition/count")).isFalse();
        assertThat(portal("POST", "/decision-definition/key/eligibility/evaluate")).isFalse();
        assertThat(portal("DELETE", "/deployment/abc")).isFalse();
        assertThat(portal("POST", "/external-task/fetchAndLock")).isFalse();
        assertThat(portal("GET", "/process-instance")).isFalse();
    }

    @Test
    void aPathOutsideTheRestServletIsNeverPermitted() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/other/external-task/fetchAndLock");
        request.setServletPath("/other");
        request.setPathInfo("/external-task/fetchAndLock");
        assertThat(ServiceAccountEndpoints.permitted(ServiceAccountEndpoints.WORKERS, request)).isFalse();
    }

    private static boolean workers(String method, String path) {
        return ServiceAccountEndpoints.permitted(ServiceAccountEndpoints.WORKERS, request(method, path));
    }

    private static boolean portal(String method, String path) {
        return ServiceAccountEndpoints.permitted(ServiceAccountEndpoints.PORTAL, request(method, path));
    }

    private static MockHttpServletRequest request(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/engine-rest" + path);
        request.setServletPath("/engine-rest");
        request.setPathInfo(path);
        return request;
    }
}
