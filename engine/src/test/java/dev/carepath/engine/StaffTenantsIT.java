package dev.carepath.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carepath.engine.security.EngineTenants;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.AuthorizationService;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.engine.authorization.Authorization;
import org.operaton.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.operaton.bpm.engine.authorization.Resources;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Staff can be limited to tenants: a staff user admitted to tenant A sees A's instances and tasks and
 * none of B's, through Operaton's tenant check on the real engine (with its authorization checks on). Instances carry their tenant from
 * the start variable (TenantFromVariable), as journeys do.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class StaffTenantsIT {

    private static final String PROBE = "StaffTenantsProbe";

    @Autowired IdentityService identity;
    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired EngineTenants tenants;
    @Autowired AuthorizationService authorizations;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String tenantA = "staff-a-" + suffix;
    private final String tenantB = "staff-b-" + suffix;
    private final String staff = "staff" + suffix.replace("-", "");

    @AfterEach
    void signOut() {
        identity.clearAuthentication();
    }

    @Test
    void aStaffUserSeesOnlyTheTenantsTheyAreAdmittedTo() {
        repository.createDeployment().name(PROBE)
                .addModelInstance(PROBE + ".bpmn", Bpmn.createExecutableProcess(PROBE)
                        .operatonHistoryTimeToLive(1)
                        .startEvent().userTask("Task_Review").endEvent().done())
                .deploy();
        String ofA = runtime.startProcessInstanceByKey(PROBE, Map.of("tenantId", tenantA)).getId();
        String ofB = runtime.startProcessInstanceByKey(PROBE, Map.of("tenantId", tenantB)).getId();
        var user = identity.newUser(staff);
        user.setPassword("staff-" + suffix);
        identity.saveUser(user);
        tenants.admitStaff(staff, tenantA);
        // With Operaton's authorization on, the user first needs a grant on the probe's instances and tasks;
        // the tenant check then narrows what the grant shows to the admitted tenants.
        var grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setUserId(staff);
        grant.setResource(Resources.PROCESS_DEFINITION);
        grant.setResourceId(PROBE);
        grant.addPermission(ProcessDefinitionPermissions.READ_INSTANCE);
        grant.addPermission(ProcessDefinitionPermissions.READ_TASK);
        authorizations.saveAuthorization(grant);

        List<String> tenantsOfStaff = identity.createTenantQuery().userMember(staff).list().stream()
                .map(t -> t.getId()).toList();
        identity.setAuthentication(staff, List.of(), tenantsOfStaff);

        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(PROBE).list())
                .extracting(instance -> instance.getId()).contains(ofA).doesNotContain(ofB);
        assertThat(tasks.createTaskQuery().processInstanceId(ofB).count()).isZero();
        assertThat(tasks.createTaskQuery().processInstanceId(ofA).count()).isEqualTo(1);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(ofA).singleResult().getTenantId())
                .isEqualTo(tenantA);
    }
}
