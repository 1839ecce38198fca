package dev.carepath.simulator.faults;

import dev.carepath.simulator.PartnerKind;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts a {@link PartnerTrafficInterceptor} in front of each partner kind's API; the ledgers stay fault-free. */
@Configuration(proxyBeanMethods = false)
class FaultInjectionWebConfiguration implements WebMvcConfigurer {

    private final FaultInjector faults;

    FaultInjectionWebConfiguration(FaultInjector faults) {
        this.faults = faults;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        for (PartnerKind kind : PartnerKind.values()) {
            registry.addInterceptor(new PartnerTrafficInterceptor(kind, faults))
                    .addPathPatterns("/" + kind.id() + "/**")
                    .excludePathPatterns("/" + kind.id() + "/ledger");
        }
    }
}
