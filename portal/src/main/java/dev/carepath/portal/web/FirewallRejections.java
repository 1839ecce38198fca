package dev.carepath.portal.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * What Spring Security's firewall refuses before the security chain (a path with {@code ;}, {@code //}, an encoded
 * slash or a control character, a method it does not know): 400 {@code malformed-request} as a problem, where the
 * default would throw and end as a 500. The firewall's message may quote the request; it is not passed on.
 */
@Component
class FirewallRejections implements RequestRejectedHandler {

    private final ObjectMapper json;

    FirewallRejections(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        ProblemResponses.write(response, json, Problems.detail(HttpStatus.BAD_REQUEST, Problems.MALFORMED_REQUEST,
                "Malformed request", "The request was refused: its path or headers hold what no endpoint accepts."));
    }
}
