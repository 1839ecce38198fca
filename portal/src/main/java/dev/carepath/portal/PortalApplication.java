package dev.carepath.portal;

import dev.carepath.portal.admin.PortalCommands;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The portal deployable: agent REST API, partner webhook ingress, the journey read model and the audit
 * store. Started with a staff command as first argument ({@link PortalCommands}), it runs that command
 * and exits instead.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PortalApplication {

    public static void main(String[] args) {
        if (PortalCommands.isCommand(args)) {
            System.exit(PortalCommands.run(PortalApplication.class, args));
        }
        SpringApplication.run(PortalApplication.class, args);
    }
}
