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
 * ({@code CAREPATH_WORKERS_PASSWORD}; a documented local default otherwise).
 */
@Component
class ServiceAccounts implements ApplicationRunner {

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
    }
}
