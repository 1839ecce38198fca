package dev.carepath.contracts.problems;

import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The error contract ({@link ProblemTypes}) for any Spring Boot servlet application with this module on its class
 * path (the portal, the engine, the job-workers, the partner simulator). Each piece gives way to the application's
 * own bean of its kind.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
public class ProblemErrorsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    @Bean
    TypedProblems typedProblems() {
        return new TypedProblems();
    }

    /** Tomcat's HTML error report replaced on the embedded server's host ({@link ProblemReportValve}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tomcat.class)
    static class TomcatErrors {

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve() {
            // The host adds its report valve when it starts, before the application's context; the context,
            // starting next, swaps it.
            return factory -> factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
                if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                    replaceErrorReport(context.getParent());
                }
            }));
        }

        static void replaceErrorReport(Container host) {
            if (host == null) {
                return;
            }
            if (host instanceof StandardHost standard) {
                standard.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
            Pipeline pipeline = host.getPipeline();
            boolean installed = false;
            for (Valve valve : pipeline.getValves()) {
                if (valve instanceof ProblemReportValve) {
                    installed = true;
                } else if (valve instanceof ErrorReportValve) {
                    pipeline.removeValve(valve);
                }
            }
            if (!installed) {
                pipeline.addValve(new ProblemReportValve());
            }
        }
    }

    /** What Spring Security's firewall refuses (a path with {@code ;} or {@code //}, an unknown method): 400. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RequestRejectedHandler.class)
    static class FirewallRejections {

        @Bean
        @ConditionalOnMissingBean(RequestRejectedHandler.class)
        RequestRejectedHandler problemRequestRejectedHandler() {
            return (request, response, rejected) -> {
                if (response.isCommitted()) {
                    return;
                }
                response.setStatus(400);
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write(ProblemTypes.json(400));
            };
        }
    }
}
