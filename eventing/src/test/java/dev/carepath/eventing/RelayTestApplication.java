package dev.carepath.eventing;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** The eventing module on its own, as a deployable with one service schema uses it. */
@SpringBootConfiguration
@EnableAutoConfiguration
class RelayTestApplication {
}
