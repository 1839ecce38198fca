package dev.carepath.portal.tenants;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code POST /v1/admin/tenants}, and the staff console's new-tenant form. */
public record TenantRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}",
                message = "must be 2-63 lower-case letters, digits or hyphens, not starting with a hyphen")
        String tenantId,

        @NotNull(message = "is required")
        @Size(min = 1, max = 200, message = "must be 1-200 characters")
        String name,

        @NotNull(message = "is required")
        @Pattern(regexp = PROCESSORS, message = "must be one of " + PROCESSORS)
        String processor,

        @NotNull(message = "is required")
        @Pattern(regexp = MERCHANT_ACCOUNT, message = "must be 1-64 letters, digits, '_' or '-'")
        String merchantAccount,

        @NotNull(message = "is required")
        @Pattern(regexp = "https?://[^\\s]{1,2000}", message = "must be an http(s) URL")
        String callbackUrl,

        @NotNull(message = "is required")
        @Valid
        List<@NotNull(message = "must be an entitlement object") Entitlement> entitlements,

        @NotNull(message = "is required")
        @Pattern(regexp = PLANS, message = "must be one of " + PLANS)
        String plan,

        @Valid
        Messaging messaging) {

    /**
     * The plans a tenant may choose (the contract's {@code Plan}): the service level pharmacy routing must meet,
     * standard (delivery within 5 days of dispensing) or premium (within 2 days).
     */
    public static final String PLANS = "standard|premium";

    /** The plan of a tenant provisioned without naming one. */
    public static final String DEFAULT_PLAN = "standard";

    /** A tenant provisioned without messaging of its own: the platform's defaults for its notifications. */
    public TenantRequest(String tenantId, String name, String processor, String merchantAccount, String callbackUrl,
            List<Entitlement> entitlements, String plan) {
        this(tenantId, name, processor, merchantAccount, callbackUrl, entitlements, plan, null);
    }

    /**
     * What the tenant's patient notifications say about it (the contract's {@code TenantMessaging}), published with
     * {@code tenant.provisioned} for the notifications service; every part optional.
     */
    public record Messaging(
            @Size(min = 1, max = 100, message = "must be 1-100 characters")
            String sender,

            @Size(min = 1, max = 200, message = "must be 1-200 characters")
            String supportContact,

            @Valid
            QuietHours quietHours,

            @Size(max = 50, message = "must hold at most 50 templates")
            List<@NotNull(message = "must be a template object") @Valid Template> templates) {
    }

    /** SMS and push wait out this local-time window (HH:mm) in the patient's state's time zone. */
    public record QuietHours(
            @NotNull(message = "is required")
            @Pattern(regexp = HH_MM, message = "must be a time of day, HH:mm")
            String start,

            @NotNull(message = "is required")
            @Pattern(regexp = HH_MM, message = "must be a time of day, HH:mm")
            String end) {
    }

    /** The tenant's own wording (Mustache) of one notification. */
    public record Template(
            @NotNull(message = "is required")
            @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}", message = "must be a notification id, e.g. medication-shipped")
            String templateId,

            @Size(max = 200, message = "must be at most 200 characters")
            String subject,

            @NotBlank(message = "is required")
            @Size(max = 2000, message = "must be at most 2000 characters")
            String body) {
    }

    static final String HH_MM = "([01][0-9]|2[0-3]):[0-5][0-9]";

    /** The payment processors a tenant may choose (the contract's {@code Processor}). */
    public static final String PROCESSORS = "northpay|keystone-payments";

    /** The processor of a tenant provisioned without naming one. */
    public static final String DEFAULT_PROCESSOR = "northpay";

    static final String MERCHANT_ACCOUNT = "[A-Za-z0-9_-]{1,64}";

    /** One therapy and the states (USPS codes) where the tenant may offer it. */
    public record Entitlement(
            @NotNull(message = "is required")
            @Pattern(regexp = "[a-z0-9-]{1,40}", message = "must be a therapy code")
            String therapy,

            @NotEmpty(message = "must name at least one state")
            List<@NotNull(message = "must be a state code")
                 @Pattern(regexp = "[A-Z]{2}", message = "must be two upper-case letters") String> states) {
    }

    /** The body of {@code PUT /v1/admin/tenants/{id}/merchant}: the processor and merchant account of the next cycles. */
    public record Merchant(
            @NotNull(message = "is required")
            @Pattern(regexp = PROCESSORS, message = "must be one of " + PROCESSORS)
            String processor,

            @NotNull(message = "is required")
            @Pattern(regexp = MERCHANT_ACCOUNT, message = "must be 1-64 letters, digits, '_' or '-'")
            String merchantAccount) {
    }

    /** The body of {@code PUT /v1/admin/tenants/{id}/entitlements}. */
    public record Entitlements(
            @NotNull(message = "is required")
            @Valid
            List<@NotNull(message = "must be an entitlement object") Entitlement> entitlements) {
    }
}
