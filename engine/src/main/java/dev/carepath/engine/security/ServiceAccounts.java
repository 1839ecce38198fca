package dev.carepath.engine.security;

import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Makes sure the workers' service account exists with the configured password
 * ({@code CAREPATH_WORKERS_PASSWORD}; a documented local default otherwise) and belongs to the group
 * {@value #WORKERS_GROUP}, which {@link EngineTenants} makes a member of every tenant.
 */
@Component
class ServiceAccounts implements ApplicationRunner {

    static final String WORKERS_GROUP = "workers";

    private static final Logger log = LoggerFactory.getLogger(ServiceAccounts.class);

    private final IdentityService identity;
    private final String workersUser;
    private final String workersPassword;

    ServiceAccounts(IdentityService identity,
            @Value("${carepath.engine.workers-user}") String workersUser,
            @Value("${carepath.engine.workers-password}") String workersPassword) {
        this.identity = identity;
        this.workersUser = workersUser;
        this.workersPassword = workersPassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        User user = identity.createUserQuery().userId(workersUser).singleResult();
        if (user == null) {
            user = identity.newUser(workersUser);
            user.setFirstName("Job");
            user.setLastName("Workers");
            user.setPassword(workersPassword);
            identity.saveUser(user);
            log.info("service account {} created", workersUser);
        } else if (!identity.checkPassword(workersUser, workersPassword)) {
            user.setPassword(workersPassword);
            identity.saveUser(user);
            log.info("service account {} password updated", workersUser);
        }
        if (identity.createGroupQuery().groupId(WORKERS_GROUP).count() == 0) {
            var group = identity.newGroup(WORKERS_GROUP);
            group.setName("Job workers");
            group.setType("SYSTEM");
            identity.saveGroup(group);
        }
        if (identity.createUserQuery().userId(workersUser).memberOfGroup(WORKERS_GROUP).count() == 0) {
            identity.createMembership(workersUser, WORKERS_GROUP);
        }
    }
}
