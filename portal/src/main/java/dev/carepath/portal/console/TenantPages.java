package dev.carepath.portal.console;

import dev.carepath.portal.callbacks.WebhookSecrets;
import dev.carepath.portal.tenants.MachineClients;
import dev.carepath.portal.tenants.TenantRequest;
import dev.carepath.portal.tenants.Tenants;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Tenants and their machine clients, for platform staff ({@code platform-admin}), through the same services as
 * {@code /v1/admin/tenants}: create a tenant, replace its entitlements (the next journey request sees them), create,
 * rotate and revoke its clients, rotate its webhook signing secret. A new secret is shown in the answer to the POST
 * that made it, once: never in a URL, a redirect or the session.
 */
@Controller
class TenantPages {

    private static final Logger log = LoggerFactory.getLogger(TenantPages.class);

    private final Tenants tenants;
    private final MachineClients clients;
    private final WebhookSecrets webhookSecrets;
    private final Validator validator;

    TenantPages(Tenants tenants, MachineClients clients, WebhookSecrets webhookSecrets, Validator validator) {
        this.tenants = tenants;
        this.clients = clients;
        this.webhookSecrets = webhookSecrets;
        this.validator = validator;
    }

    @GetMapping("/console/tenants")
    String list(Model model) {
        model.addAttribute("tenants", tenants.list());
        return "console/tenants";
    }

    @PostMapping("/console/tenants")
    String create(@RequestParam(defaultValue = "") String tenantId, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = TenantRequest.DEFAULT_PROCESSOR) String processor,
            @RequestParam(defaultValue = "") String merchantAccount, @RequestParam(defaultValue = "") String callbackUrl,
            @RequestParam(defaultValue = "") String entitlements,
            @RequestParam(defaultValue = TenantRequest.DEFAULT_PLAN) String plan, Principal who, Model model,
            RedirectAttributes flash) {
        TenantRequest request = new TenantRequest(tenantId.trim(), name.trim(), processor.trim(), merchantAccount.trim(),
                callbackUrl.trim(), entitlementsOf(entitlements), plan.trim());
        List<String> errors = errors(request);
        if (errors.isEmpty()) {
            try {
                tenants.provision(request);
                log.info("tenant {} provisioned at the console by {}", request.tenantId(), who.getName());
                flash.addFlashAttribute("flash", "Tenant " + request.tenantId() + " created.");
                return "redirect:/console/tenants/" + request.tenantId();
            } catch (ErrorResponseException e) {
                errors.add(e.getBody().getDetail());
            }
        }
        model.addAttribute("errors", errors);
        model.addAttribute("form", request);
        model.addAttribute("entitlementsText", entitlements);
        return list(model);
    }

    @GetMapping("/console/tenants/{tenantId}")
    String tenant(@PathVariable String tenantId, Model model) {
        Tenants.TenantView tenant = tenants.find(tenantId).orElseThrow(ConsoleErrors::notFound);
        model.addAttribute("tenant", tenant);
        model.addAttribute("entitlementsText", textOf(tenant.entitlements()));
        model.addAttribute("clients", clients.of(tenantId));
        model.addAttribute("scopes", MachineClients.TENANT_SCOPES.stream().sorted().toList());
        return "console/tenant";
    }

    /** Replaces the entitlements; the next journey request of the tenant sees them. */
    @PostMapping("/console/tenants/{tenantId}/entitlements")
    String entitlements(@PathVariable String tenantId, @RequestParam(defaultValue = "") String entitlements,
            Principal who, Model model, RedirectAttributes flash) {
        TenantRequest.Entitlements request = new TenantRequest.Entitlements(entitlementsOf(entitlements));
        List<String> errors = errors(request);
        if (!errors.isEmpty()) {
            model.addAttribute("errors", errors);
            String page = tenant(tenantId, model);
            model.addAttribute("entitlementsText", entitlements);
            return page;
        }
        tenants.replaceEntitlements(tenantId, request.entitlements()).orElseThrow(ConsoleErrors::notFound);
        log.info("tenant {} entitlements replaced at the console by {}", tenantId, who.getName());
        flash.addFlashAttribute("flash", "Entitlements saved; they apply to the tenant's next request.");
        return "redirect:/console/tenants/" + tenantId;
    }

    @PostMapping("/console/tenants/{tenantId}/clients")
    String createClient(@PathVariable String tenantId, @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) List<String> scopes, Principal who, Model model) {
        List<String> errors = new ArrayList<>();
        if (name.isBlank() || name.length() > 200) {
            errors.add("Name must be 1-200 characters.");
        }
        if (scopes == null || scopes.isEmpty() || !MachineClients.TENANT_SCOPES.containsAll(scopes)) {
            errors.add("Choose one or more scopes.");
        }
        if (errors.isEmpty()) {
            MachineClients.Created created = clients.create(tenantId, name.trim(), scopes);
            log.info("client {} of tenant {} created at the console by {}", created.clientId(), tenantId, who.getName());
            model.addAttribute("secret", new Secret("New client " + created.clientId(), created.clientId(),
                    created.clientSecret()));
        } else {
            model.addAttribute("errors", errors);
        }
        return tenant(tenantId, model);
    }

    @PostMapping("/console/tenants/{tenantId}/clients/{clientId}/rotation")
    String rotateClient(@PathVariable String tenantId, @PathVariable String clientId, Principal who, Model model) {
        MachineClients.Created rotated = clients.rotate(tenantId, clientId).orElseThrow(ConsoleErrors::notFound);
        log.info("client {} of tenant {} given a new secret at the console by {}", clientId, tenantId, who.getName());
        model.addAttribute("secret", new Secret("New secret of " + clientId, clientId, rotated.clientSecret()));
        return tenant(tenantId, model);
    }

    /** Revokes the client: its next API request is refused, whatever tokens it holds. */
    @PostMapping("/console/tenants/{tenantId}/clients/{clientId}/revocation")
    String revokeClient(@PathVariable String tenantId, @PathVariable String clientId, Principal who,
            RedirectAttributes flash) {
        if (!clients.revoke(tenantId, clientId)) {
            throw ConsoleErrors.notFound();
        }
        log.info("client {} of tenant {} revoked at the console by {}", clientId, tenantId, who.getName());
        flash.addFlashAttribute("flash", "Client " + clientId + " revoked; its next request is refused.");
        return "redirect:/console/tenants/" + tenantId;
    }

    @PostMapping("/console/tenants/{tenantId}/webhook-secret/rotation")
    String rotateWebhookSecret(@PathVariable String tenantId, Principal who, Model model) {
        WebhookSecrets.Rotated rotated = webhookSecrets.rotate(tenantId, webhookSecrets.defaultOverlap())
                .orElseThrow(ConsoleErrors::notFound);
        log.info("webhook secret of tenant {} rotated at the console by {}", tenantId, who.getName());
        model.addAttribute("secret", new Secret("New webhook signing secret (the earlier ones sign until "
                + rotated.previousRetireAt() + ")", null, rotated.secret()));
        return tenant(tenantId, model);
    }

    /** A secret to show once. */
    record Secret(String title, String clientId, String value) {

        @Override
        public String toString() {
            return "Secret[" + title + ", <redacted>]";
        }
    }

    /** Entitlements as typed: one therapy a line, {@code therapy: TX, CA}. */
    static List<TenantRequest.Entitlement> entitlementsOf(String text) {
        List<TenantRequest.Entitlement> entitlements = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split(":", 2);
            List<String> states = parts.length < 2 ? List.of() : Arrays.stream(parts[1].split("[,\\s]+"))
                    .map(String::trim).filter(s -> !s.isEmpty()).map(s -> s.toUpperCase(Locale.ROOT)).toList();
            entitlements.add(new TenantRequest.Entitlement(parts[0].trim(), states));
        }
        return entitlements;
    }

    static String textOf(List<TenantRequest.Entitlement> entitlements) {
        StringBuilder text = new StringBuilder();
        for (TenantRequest.Entitlement entitlement : entitlements) {
            text.append(entitlement.therapy()).append(": ").append(String.join(", ", entitlement.states())).append('\n');
        }
        return text.toString();
    }

    private <T> List<String> errors(T request) {
        return new ArrayList<>(validator.validate(request).stream()
                .sorted(Comparator.comparing((ConstraintViolation<T> v) -> v.getPropertyPath().toString()))
                .map(v -> v.getPropertyPath() + " " + v.getMessage())
                .toList());
    }
}
