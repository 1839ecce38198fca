package dev.carepath.simulator;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Runs the partner simulator (default port 8090). Its configuration file is {@code simulator.yml}, so the
 * connectors library never carries an {@code application.yml} into the applications that use the adapters.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PartnerSimulatorApplication {

    /** The simulator's configuration file name: {@code simulator.yml}. */
    public static final String CONFIG_NAME = "simulator";

    public static void main(String[] args) {
        new SpringApplicationBuilder(PartnerSimulatorApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
