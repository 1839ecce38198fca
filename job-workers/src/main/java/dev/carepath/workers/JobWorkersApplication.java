package dev.carepath.workers;

import dev.carepath.connectors.PartnerAdaptersConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** External-task workers: one class per BPMN topic, each service writing only its own schema. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(PartnerAdaptersConfiguration.class)
public class JobWorkersApplication {

    public static void main(String[] args) {
        SpringApplication.run(JobWorkersApplication.class, args);
    }
}
