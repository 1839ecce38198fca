package dev.carepath.engine.security;

import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes sure the service accounts exist with their configured passwords (a documented local default
 * otherwise): the workers' ({@code CAREPATH_WORKERS_PASSWORD}), which belongs to the group
 * {@value #WORKERS_GROUP} that {@link EngineTenants} makes a member of every tenant, and the portal's
 * ({@code CAREPATH_PORTAL_ENGINE_PASSWORD}), which deploys and reads the tenant-less decision tables, and the portal's
 * staff-console account ({@code CAREPATH_CONSOLE_ENGINE_PASSWORD}, group {@value #CONSOLE_GROUP}, a member of every
 * tenant), which reads journeys' instances and incidents and retries incidents for staff. What each may do is
 * {@link EngineAuthorizations}'.
 */
@Component
@Order(10)
class ServiceAccounts implements ApplicationRunner {

    static final String WORKERS_GROUP = "workers";
    /** The portal's staff-console account's group, a member of every tenant like the workers'. */
    static final String CONSOLE_GROUP = "portal-console";

    private static final Logger log = LoggerFactory.getLogger(ServiceAccounts.class);

    private final IdentityService identity;
    private final String workersUser;
    private final String workersPassword;
    private final String portalUser;
    private final String portalPassword;
    private final String consoleUser;
    private final String consolePassword;

    ServiceAccounts(IdentityService identity,
            @Value("${carepath.engine.workers-user}") String workersUser,
            @Value("${carepath.engine.workers-password}") String workersPassword,
            @Value("${carepath.engine.portal-user}") String portalUser,
            @Value("${carepath.engine.portal-password}") String portalPassword,
            @Value("${carepath.engine.console-user}") String consoleUser,
            @Value("${carepath.engine.console-password}") String consolePassword) {
        this.identity = identity;
        this.workersUser = workersUser;
        this.workersPassword = workersPassword;
        this.portalUser = portalUser;
        this.portalPassword = portalPassword;
        this.consoleUser = consoleUser;
        this.consolePassword = consolePassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensureUser(workersUser, workersPassword, "Job", "Workers");
        ensureUser(portalUser, portalPassword, "Portal", "Service");
        ensureUser(consoleUser, consolePassword, "Portal", "Console");
        ensureGroupMember(WORKERS_GROUP, "Job workers", workersUser);
        ensureGroupMember(CONSOLE_GROUP, "Portal staff console", consoleUser);
    }

    private void ensureGroupMember(String groupId, String name, String userId) {
        if (identity.createGroupQuery().groupId(groupId).count() == 0) {
            var group = identity.newGroup(groupId);
            group.setName(name);
            group.setType("SYSTEM");
            identity.saveGroup(group);
        }
        if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
            identity.createMembership(userId, groupId);
        }
    }

    private void ensureUser(String userId, String password, String firstName, String lastName) {
        User user = identity.createUserQuery().userId(userId).singleResult();
        if (user == null) {
            user = identity.newUser(userId);
            user.setFirstName(firstName);
            user.setLastName(lastName);
            user.setPassword(password);
            identity.saveUser(user);
            log.info("service account {} created", userId);
        } else if (!identity.checkPassword(userId, password)) {
            user.setPassword(password);
            identity.saveUser(user);
            log.info("service account {} password updated", userId);
        }
    }
}
