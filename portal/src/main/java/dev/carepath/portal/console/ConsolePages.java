package dev.carepath.portal.console;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The console's frame: the login page, the home page and the 403 page. */
@Controller
class ConsolePages {

    private final ConsoleProperties properties;

    ConsolePages(ConsoleProperties properties) {
        this.properties = properties;
    }

    @GetMapping(ConsoleSecurity.LOGIN)
    String login(Model model) {
        model.addAttribute("formLogin", properties.formLogin());
        if (properties.oidc().enabled()) {
            model.addAttribute("oidcLogin", ConsoleSecurity.OIDC_AUTHORIZATION + "/" + properties.oidc().registrationId());
        }
        return "console/login";
    }

    @GetMapping({"/console", "/console/"})
    String home() {
        return "console/home";
    }

    /** The 403 page: the security chain forwards here when a role may not open a page or take an action. */
    @RequestMapping(ConsoleSecurity.FORBIDDEN)
    String forbidden(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return "console/forbidden";
    }
}
