package dev.carepath.engine.security;

import static org.operaton.bpm.engine.authorization.Authorization.ANY;
import static org.operaton.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import dev.carepath.engine.journey.JourneyVariables;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.operaton.bpm.engine.AuthorizationService;
import org.operaton.bpm.engine.authorization.Authorization;
import org.operaton.bpm.engine.authorization.Permission;
import org.operaton.bpm.engine.authorization.Permissions;
import org.operaton.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.operaton.bpm.engine.authorization.Resource;
import org.operaton.bpm.engine.authorization.Resources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The engine's authorization model: what each account and staff group may do, kept in Operaton's authorization
 * table at every start (created where missing, set back where changed, never more). Operaton checks these for
 * every call made as a user (engine REST API, Cockpit, Tasklist); the engine's own code (the orchestrator, the job
 * executor) runs as no user and is not checked. Tenants are checked on top: an account sees a tenant's instances
 * only through a tenant membership ({@link EngineTenants}). The engine's admin group ({@code operaton-admin}, the
 * platform admin) holds every permission, granted by Operaton's starter when it creates the admin user.
 * See docs/adr/0010-engine-authorization-model-and-accounts.md.
 */
@Component
@Order(20)
class EngineAuthorizations implements ApplicationRunner {

    /** The Operaton webapps a staff group may open. */
    static final String COCKPIT = "cockpit";
    static final String TASKLIST = "tasklist";

    private static final Logger log = LoggerFactory.getLogger(EngineAuthorizations.class);

    private static final String JOURNEY = JourneyVariables.PROCESS_KEY;
    /** The decision the workers evaluate themselves (job-workers: EligibilityDecision). */
    private static final String ELIGIBILITY = "eligibility";

    /** One grant: a group or a user, a resource and its id, exactly these permissions. */
    record Grant(String groupId, String userId, Resource resource, String resourceId, List<Permission> permissions) {

        static Grant toGroup(String groupId, Resource resource, String resourceId, Permission... permissions) {
            return new Grant(groupId, null, resource, resourceId, List.of(permissions));
        }

        static Grant toUser(String userId, Resource resource, String resourceId, Permission... permissions) {
            return new Grant(null, userId, resource, resourceId, List.of(permissions));
        }
    }

    private final AuthorizationService authorizations;
    private final EngineTenants tenants;
    private final String portalUser;

    EngineAuthorizations(AuthorizationService authorizations, EngineTenants tenants,
            @Value("${carepath.engine.portal-user}") String portalUser) {
        this.authorizations = authorizations;
        this.tenants = tenants;
        this.portalUser = portalUser;
    }

    /** Every grant the platform makes, by account and group. */
    List<Grant> grants() {
        return List.of(
                // The workers fetch, lock, extend, complete and fail the journey's external tasks: read and update
                // its instances. Nothing else: no start, delete, deploy, history, and no variables beyond the tasks
                // they lock (reading variables needs a variable permission, enforce-specific-variable-permission).
                Grant.toGroup(ServiceAccounts.WORKERS_GROUP, Resources.PROCESS_DEFINITION, JOURNEY,
                        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.UPDATE_INSTANCE),
                // The eligibility evaluation runs in the workers, beside the intake (PHI), on the table in force: they
                // read the eligibility decision's latest version and its XML. No other decision, no history.
                Grant.toGroup(ServiceAccounts.WORKERS_GROUP, Resources.DECISION_DEFINITION, ELIGIBILITY,
                        Permissions.READ),
                // The portal deploys decision tables (DecisionOnlyDeployments refuses it anything but DMN) and reads
                // the version in force with its XML for what-if evaluations, which it runs itself.
                Grant.toUser(portalUser, Resources.DEPLOYMENT, ANY, Permissions.CREATE),
                Grant.toUser(portalUser, Resources.DECISION_DEFINITION, ANY, Permissions.READ),
                Grant.toUser(portalUser, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ),
                // The portal's staff console shows a journey's instance, current activity and incidents and the task
                // counts per group, and retries an incident (a failed job or external task; Operaton retries an
                // external task only with UPDATE_INSTANCE), for staff whose role the portal has checked. Its REST
                // calls are listed (ServiceAccountEndpoints.CONSOLE): no variables, no start, no delete, no completion.
                Grant.toGroup(ServiceAccounts.CONSOLE_GROUP, Resources.PROCESS_DEFINITION, JOURNEY,
                        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
                        ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.RETRY_JOB,
                        ProcessDefinitionPermissions.UPDATE_INSTANCE),
                // Clinicians and pharmacists work their candidate group's tasks in Tasklist: Operaton grants a
                // candidate group read and update on each such task as it is created. They see the model and their
                // tasks' variables (references only), no instance, no history.
                Grant.toGroup(StaffAccounts.CLINICIANS, Resources.APPLICATION, TASKLIST, Permissions.ACCESS),
                Grant.toGroup(StaffAccounts.CLINICIANS, Resources.FILTER, ANY, Permissions.READ),
                Grant.toGroup(StaffAccounts.CLINICIANS, Resources.PROCESS_DEFINITION, JOURNEY,
                        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_TASK_VARIABLE),
                Grant.toGroup(StaffAccounts.PHARMACISTS, Resources.APPLICATION, TASKLIST, Permissions.ACCESS),
                Grant.toGroup(StaffAccounts.PHARMACISTS, Resources.FILTER, ANY, Permissions.READ),
                Grant.toGroup(StaffAccounts.PHARMACISTS, Resources.PROCESS_DEFINITION, JOURNEY,
                        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_TASK_VARIABLE),
                // Care ops run the journeys: their tasks in Tasklist, and in Cockpit the journey instances, their
                // history, variables and incidents, which they resolve by retrying (a failed job or external task).
                Grant.toGroup(StaffAccounts.CARE_OPS, Resources.APPLICATION, TASKLIST, Permissions.ACCESS),
                Grant.toGroup(StaffAccounts.CARE_OPS, Resources.APPLICATION, COCKPIT, Permissions.ACCESS),
                Grant.toGroup(StaffAccounts.CARE_OPS, Resources.FILTER, ANY, Permissions.READ),
                Grant.toGroup(StaffAccounts.CARE_OPS, Resources.PROCESS_DEFINITION, JOURNEY,
                        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
                        ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
                        ProcessDefinitionPermissions.READ_HISTORY_VARIABLE,
                        ProcessDefinitionPermissions.READ_TASK_VARIABLE, ProcessDefinitionPermissions.RETRY_JOB,
                        ProcessDefinitionPermissions.UPDATE_INSTANCE),
                // Clinical ops own the decision tables: in Cockpit the tables and how they decided, and the model.
                // They change a table through the portal's gated endpoint, not here.
                Grant.toGroup(StaffAccounts.CLINICAL_OPS, Resources.APPLICATION, COCKPIT, Permissions.ACCESS),
                Grant.toGroup(StaffAccounts.CLINICAL_OPS, Resources.DECISION_DEFINITION, ANY,
                        Permissions.READ, Permissions.READ_HISTORY),
                Grant.toGroup(StaffAccounts.CLINICAL_OPS, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY,
                        Permissions.READ),
                Grant.toGroup(StaffAccounts.CLINICAL_OPS, Resources.PROCESS_DEFINITION, JOURNEY,
                        ProcessDefinitionPermissions.READ));
    }

    @Override
    public void run(ApplicationArguments args) {
        grants().forEach(this::keep);
        tenants.admitGroupsToEveryTenant();
    }

    private void keep(Grant grant) {
        var query = authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
                .resourceType(grant.resource()).resourceId(grant.resourceId());
        Authorization existing = (grant.groupId() != null ? query.groupIdIn(grant.groupId()) : query.userIdIn(grant.userId()))
                .singleResult();
        Set<String> wanted = names(grant.permissions().toArray(Permission[]::new));
        if (existing != null && names(existing.getPermissions(universe(grant))).equals(wanted)) {
            return;
        }
        Authorization authorization = existing != null ? existing : authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
        if (existing == null) {
            authorization.setGroupId(grant.groupId());
            authorization.setUserId(grant.userId());
            authorization.setResource(grant.resource());
            authorization.setResourceId(grant.resourceId());
        }
        authorization.setPermissions(grant.permissions().toArray(Permission[]::new));
        authorizations.saveAuthorization(authorization);
        log.info("grant to {}: {} {} {}", grant.groupId() != null ? "group " + grant.groupId() : "user " + grant.userId(),
                grant.resource().resourceName(), grant.resourceId(), wanted);
    }

    /** Every single permission of the grant's kind (NONE and ALL aside), to read back what a stored grant holds. */
    private static Permission[] universe(Grant grant) {
        return Arrays.stream(grant.permissions().get(0).getClass().getEnumConstants())
                .map(Permission.class::cast)
                .filter(permission -> permission.getValue() != 0 && permission.getValue() != Integer.MAX_VALUE)
                .filter(permission -> Arrays.asList(permission.getTypes()).contains(grant.resource())
                        || permission.getTypes().length == 0)
                .toArray(Permission[]::new);
    }

    private static Set<String> names(Permission[] permissions) {
        return Arrays.stream(permissions).map(Permission::getName).collect(Collectors.toSet());
    }
}
