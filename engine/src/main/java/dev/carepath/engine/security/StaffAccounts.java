package dev.carepath.engine.security;

import java.util.List;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The staff groups: those that work the journey's user tasks in Tasklist ({@value #CLINICIANS}, {@value #CARE_OPS},
 * {@value #PHARMACISTS}) and clinical ops ({@value #CLINICAL_OPS}, who read the decision tables in Cockpit), and the
 * configured staff users ({@code carepath.engine.staff}, passwords from the environment with documented local
 * defaults). {@link EngineTenants} makes the groups members of every tenant, so they see that tenant's tasks;
 * {@link EngineAuthorizations} says what each group may see and do.
 */
@Component
@Order(10)
@EnableConfigurationProperties(StaffAccounts.Staff.class)
class StaffAccounts implements ApplicationRunner {

    static final String CLINICIANS = "clinicians";
    static final String CARE_OPS = "care-ops";
    static final String PHARMACISTS = "pharmacists";
    static final String CLINICAL_OPS = "clinical-ops";
    static final List<String> GROUPS = List.of(CLINICIANS, CARE_OPS, PHARMACISTS, CLINICAL_OPS);

    private static final Logger log = LoggerFactory.getLogger(StaffAccounts.class);

    private final IdentityService identity;
    private final Staff staff;

    StaffAccounts(IdentityService identity, Staff staff) {
        this.identity = identity;
        this.staff = staff;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (String groupId : GROUPS) {
            if (identity.createGroupQuery().groupId(groupId).count() == 0) {
                var group = identity.newGroup(groupId);
                group.setName(groupId);
                group.setType("WORKFLOW");
                identity.saveGroup(group);
            }
        }
        for (Member member : staff.staff() == null ? List.<Member>of() : staff.staff()) {
            ensure(member);
        }
    }

    private void ensure(Member member) {
        if (!GROUPS.contains(member.group())) {
            throw new IllegalStateException("staff user " + member.id() + " names an unknown group " + member.group());
        }
        User user = identity.createUserQuery().userId(member.id()).singleResult();
        if (user == null) {
            user = identity.newUser(member.id());
            user.setFirstName(member.id());
            user.setLastName("(" + member.group() + ")");
            user.setPassword(member.password());
            identity.saveUser(user);
            log.info("staff user {} created", member.id());
        } else if (!identity.checkPassword(member.id(), member.password())) {
            user.setPassword(member.password());
            identity.saveUser(user);
        }
        if (identity.createUserQuery().userId(member.id()).memberOfGroup(member.group()).count() == 0) {
            identity.createMembership(member.id(), member.group());
        }
    }

    /** {@code carepath.engine.staff}: the staff users to provision. */
    @ConfigurationProperties("carepath.engine")
    record Staff(List<Member> staff) {
    }

    /** A staff user: id (letters and digits), its group, its password. */
    record Member(String id, String group, String password) {
    }
}
