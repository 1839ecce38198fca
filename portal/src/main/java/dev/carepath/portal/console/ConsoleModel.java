package dev.carepath.portal.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page's layout needs: the CSRF header htmx sends with its requests ({@code hx-headers} on the
 * body, so a button outside a form is protected too) and the engine's web apps' address for the Cockpit and
 * Tasklist links.
 */
@ControllerAdvice(basePackages = "dev.carepath.portal.console")
class ConsoleModel {

    private final ObjectMapper json;
    private final ConsoleProperties properties;

    ConsoleModel(ObjectMapper json, ConsoleProperties properties) {
        this.json = json;
        this.properties = properties;
    }

    @ModelAttribute("csrfHeaders")
    String csrfHeaders(HttpServletRequest request) throws JsonProcessingException {
        CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        return token == null ? "{}" : json.writeValueAsString(Map.of(token.getHeaderName(), token.getToken()));
    }

    @ModelAttribute("engineWebUrl")
    String engineWebUrl() {
        return properties.engineWebUrl();
    }
}
