package dev.carepath.simulator.faults;

import dev.carepath.simulator.PartnerKind;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The timeout fault's second half: a partner request that {@link PartnerTrafficInterceptor} marked with
 * {@link #WITHHOLD_MS} is handled as usual (the charge is made, the prescription written), but its answer stays
 * in a buffer until that time has passed, by which point the client has given up. Other requests pass straight
 * through.
 */
@Component
class AnswerWithholdingFilter extends OncePerRequestFilter {

    /** Request attribute: how long to hold back the answer, in milliseconds. */
    static final String WITHHOLD_MS = AnswerWithholdingFilter.class.getName() + ".withholdMs";

    private static final Logger log = LoggerFactory.getLogger(AnswerWithholdingFilter.class);

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String firstSegment = path.startsWith("/") ? path.substring(1).split("/", 2)[0] : "";
        return PartnerKind.byId(firstSegment).isEmpty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, buffered);
        } finally {
            if (request.getAttribute(WITHHOLD_MS) instanceof Long withholdMs && withholdMs > 0) {
                withhold(request, withholdMs);
            }
            try {
                buffered.copyBodyToResponse();
            } catch (IOException clientGone) {
                log.debug("Client left before the withheld answer to {} was sent", request.getRequestURI());
            }
        }
    }

    private static void withhold(HttpServletRequest request, long withholdMs) {
        log.info("Answer to {} {} withheld for {} ms (timeout fault)", request.getMethod(), request.getRequestURI(),
                withholdMs);
        try {
            Thread.sleep(withholdMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
