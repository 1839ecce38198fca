package dev.carepath.engine.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.operaton.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The engine REST endpoints each service account may call, and no others, on top of Operaton's authorization.
 * Operaton's grants are per resource: the workers need {@code UPDATE_INSTANCE} on the journey to complete its
 * external tasks, and that permission would also let them set any journey's variables or move its tokens; the
 * portal's {@code CREATE} on deployments would let it deploy a process. So a call authenticated as the workers'
 * account must be one of the external-task calls their client makes (fetch and lock, complete, failure, BPMN error,
 * extend lock, unlock) or one of their two reads of the decision table in force, a call as the portal's account one
 * of its decision-table calls, and a call as the portal's staff-console account one of its journey reads or retries;
 * any other is a 403 problem, before the engine sees it. Staff and the admin are left to Operaton's grants. Runs
 * after {@link EngineRestSecurity}'s authentication, which sets the engine's current user for the request.
 */
@Configuration(proxyBeanMethods = false)
class ServiceAccountEndpoints {

    private static final String FORBIDDEN = """
            {"type":"https://carepath.dev/problems/forbidden","title":"Forbidden","status":403,\
            "detail":"This service account may not call this endpoint."}""";

    /**
     * What the workers' external-task client calls, and the two reads of the decision table in force that the
     * eligibility evaluation makes (job-workers: DeployedTables): the latest version of a decision and its XML.
     */
    static final List<Endpoint> WORKERS = List.of(
            new Endpoint("POST", "/external-task/fetchAndLock"),
            new Endpoint("POST", "/external-task/[^/]+/(complete|failure|bpmnError|extendLock|unlock)"),
            new Endpoint("GET", "/decision-definition/key/[^/]+"),
            new Endpoint("GET", "/decision-definition/[^/]+/xml"));

    /** What the portal's decision-table client calls (portal: EngineDecisions): deploy, latest, every version, XML. */
    static final List<Endpoint> PORTAL = List.of(
            new Endpoint("POST", "/deployment/create"),
            new Endpoint("GET", "/decision-definition/key/[^/]+"),
            // the versions of a decision, for the console's version history (a query; READ is all it grants)
            new Endpoint("GET", "/decision-definition"),
            new Endpoint("GET", "/decision-definition/[^/]+/xml"));

    /**
     * What the portal's staff console calls (portal: console.EngineJourneys): a journey's instances by business key,
     * their activity tree and incidents, the open task count of a group, and the retry of a failed external task or
     * job.
     */
    static final List<Endpoint> CONSOLE = List.of(
            new Endpoint("GET", "/process-instance"),
            new Endpoint("GET", "/process-instance/[^/]+/activity-instances"),
            new Endpoint("GET", "/incident"),
            new Endpoint("GET", "/task/count"),
            new Endpoint("PUT", "/external-task/[^/]+/retries"),
            new Endpoint("PUT", "/job/[^/]+/retries"));

    /** An HTTP method and a path below {@code /engine-rest} (a regular expression matching the whole path). */
    record Endpoint(String method, Pattern path) {

        Endpoint(String method, String path) {
            this(method, Pattern.compile(path));
        }

        boolean matches(String requestMethod, String requestPath) {
            return method.equals(requestMethod) && path.matcher(requestPath).matches();
        }
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> serviceAccountEndpointFilter(IdentityService identity,
            @Value("${carepath.engine.workers-user}") String workersUser,
            @Value("${carepath.engine.portal-user}") String portalUser,
            @Value("${carepath.engine.console-user}") String consoleUser) {
        Map<String, List<Endpoint>> allowed = Map.of(workersUser, WORKERS, portalUser, PORTAL, consoleUser, CONSOLE);
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                var authentication = identity.getCurrentAuthentication();
                List<Endpoint> endpoints = authentication == null ? null : allowed.get(authentication.getUserId());
                if (endpoints != null && !permitted(endpoints, request)) {
                    response.setStatus(HttpStatus.FORBIDDEN.value());
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    response.getOutputStream().write(FORBIDDEN.getBytes(StandardCharsets.UTF_8));
                    return;
                }
                chain.doFilter(request, response);
            }
        });
        registration.setName("engine-rest-service-account-endpoints");
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(20); // after engine-rest-authentication (10)
        return registration;
    }

    /** Matched on the decoded, normalised path the servlet container routes by (not the raw request URI). */
    static boolean permitted(List<Endpoint> endpoints, HttpServletRequest request) {
        String path = request.getPathInfo();
        if (!"/engine-rest".equals(request.getServletPath()) || path == null) {
            return false;
        }
        return endpoints.stream().anyMatch(endpoint -> endpoint.matches(request.getMethod(), path));
    }
}
