package dev.carepath.portal.journeys;

import dev.carepath.contracts.events.data.OrderCancelRequested;
import dev.carepath.contracts.events.data.OrderCreated;
import dev.carepath.eventing.Outbox;
import dev.carepath.portal.readmodel.JourneyProgress;
import dev.carepath.portal.readmodel.JourneyReadModel;
import dev.carepath.portal.tenants.Tenants;
import dev.carepath.portal.web.Problems;
import dev.carepath.tenancy.TenantTransactions;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Starting and reading journeys. {@link #tenantOf} and {@link #journeyOf} are this capability's API for the
 * others (the webhook ingress resolves a partner's client reference with the first, the clinical endpoints check
 * with the second that a journey is the agent's tenant's); {@link #view} and {@link #cancel} are what the MCP server's
 * {@code get_journey} and {@code cancel_journey} call, as the REST endpoints do.
 */
@Service
public class Journeys {

    static final String SCHEMA = "orders";
    static final String RECEIVED = "RECEIVED";
    /** The one cross-tenant read of orders: which tenant an order belongs to (policy in db/orders/V7_1). */
    static final String ORDER_ROUTING = "order-routing";

    /** The outcome of a start request: the journey, and whether it was an idempotent replay. */
    record Started(UUID journeyId, boolean replayed) {
    }

    /** The outcome of a cancel request: when it was first recorded, and whether this was a repeat. */
    public record Cancelled(UUID journeyId, OffsetDateTime requestedAt, boolean replayed) {
    }

    /** The reason code of a cancel request made through the agent API. */
    static final String AGENT_REQUEST = "agent-request";

    private final TenantTransactions tenants;
    private final JourneyOrders orders;
    private final Outbox outbox;
    private final JourneyReadModel readModel;
    private final Tenants entitlements;

    Journeys(TenantTransactions tenants, JourneyOrders orders, Outbox outbox,
            JourneyReadModel readModel, Tenants entitlements) {
        this.tenants = tenants;
        this.orders = orders;
        this.outbox = outbox;
        this.readModel = readModel;
        this.entitlements = entitlements;
    }

    /** The tenant owning the order (= journey) {@code orderId}, or empty if there is no such order. */
    public Optional<String> tenantOf(UUID orderId) {
        return tenants.acrossTenants(ORDER_ROUTING, () -> orders.tenantOf(orderId));
    }

    /**
     * The journey {@code id} names, if it is one of {@code tenantId}'s. Read under the tenant's row-level security:
     * another tenant's journey is not found, like one that does not exist. A malformed id names none.
     */
    public Optional<UUID> journeyOf(String tenantId, String id) {
        return parseId(id).filter(journey -> tenants.call(tenantId, () -> orders.find(journey).isPresent()));
    }

    /** The journey id in {@code text}, if it is one in canonical form. */
    public static Optional<UUID> parseId(String text) {
        try {
            UUID uuid = UUID.fromString(text);
            // UUID.fromString accepts abbreviated forms; only the canonical one names a journey.
            return uuid.toString().equalsIgnoreCase(text) ? Optional.of(uuid) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Stores the order and its {@code order.created} event in one transaction, or finds the order an
     * earlier request with the same tenant and key created.
     *
     * @throws org.springframework.web.ErrorResponseException 422 when the key was used for a different request,
     *         403 when the tenant may not offer the therapy in the state (entitlements, read now)
     */
    Started start(StartJourneyRequest request, String idempotencyKey) {
        return tenants.call(request.tenantId(), () -> {
            if (!entitlements.entitles(request.tenantId(), request.therapy(), request.stateCode())) {
                throw Problems.exception(HttpStatus.FORBIDDEN, Problems.NOT_ENTITLED, "Not entitled",
                        "This tenant does not offer this therapy in this state.");
            }
            UUID orderId = UUID.randomUUID();
            if (orders.insertUnlessKeyUsed(orderId, request, idempotencyKey)) {
                outbox.append(SCHEMA, orderId.toString(), request.tenantId(),
                        orderCreated(orderId, request, entitlements.plan(request.tenantId())));
                return new Started(orderId, false);
            }
            JourneyOrders.Stored earlier = orders.findByKey(request.tenantId(), idempotencyKey)
                    .orElseThrow(() -> new IllegalStateException("idempotency key conflict without a stored order"));
            if (!earlier.requestHash().equals(request.fingerprint())) {
                throw Problems.exception(HttpStatus.UNPROCESSABLE_ENTITY, Problems.IDEMPOTENCY_KEY_REUSED,
                        "Idempotency key reused",
                        "This Idempotency-Key was already used for a different request. Send a new key"
                                + " for a new request, or repeat the original request unchanged.");
            }
            return new Started(earlier.id(), true);
        });
    }

    /**
     * Records an agent's cancel request and its {@code order.cancel-requested} event in one transaction,
     * or finds the request recorded earlier (then nothing new is stored or published).
     *
     * @param clientId the machine client asking (stored with the request, an id only)
     * @return empty if {@code tenantId} has no such journey
     * @throws org.springframework.web.ErrorResponseException 409 when the journey has already ended
     */
    public Optional<Cancelled> cancel(String tenantId, UUID journeyId, String clientId) {
        return tenants.call(tenantId, () -> orders.find(journeyId).map(order -> {
            Optional<JourneyOrders.Cancellation> earlier = orders.findCancellation(journeyId);
            if (earlier.isPresent()) {
                return new Cancelled(journeyId, earlier.get().requestedAt(), true);
            }
            if (readModel.hasEnded(journeyId)) {
                throw Problems.exception(HttpStatus.CONFLICT, Problems.JOURNEY_ENDED, "Journey ended",
                        "This journey has already ended; there is nothing left to cancel.");
            }
            if (!orders.insertCancellationUnlessRequested(journeyId, tenantId, clientId, AGENT_REQUEST)) {
                // A concurrent request recorded it first; this one waited for it and answers the same.
                return orders.findCancellation(journeyId)
                        .map(winner -> new Cancelled(journeyId, winner.requestedAt(), true))
                        .orElseThrow(() -> new IllegalStateException("cancel conflict without a stored request"));
            }
            outbox.append(SCHEMA, journeyId.toString(), tenantId,
                    new OrderCancelRequested(journeyId.toString(), order.cycle(), AGENT_REQUEST));
            return orders.findCancellation(journeyId)
                    .map(stored -> new Cancelled(journeyId, stored.requestedAt(), false))
                    .orElseThrow(() -> new IllegalStateException("cancel request not stored"));
        }));
    }

    /** The journey as the agent API shows it to {@code tenantId}, or empty if the tenant has no such order. */
    public Optional<JourneyView> view(String tenantId, UUID journeyId) {
        return tenants.call(tenantId, () -> orders.find(journeyId).map(order -> {
            Optional<JourneyProgress> progress = readModel.progressOf(journeyId);
            return new JourneyView(order.id(), order.tenantId(), order.therapy(), order.stateCode(),
                    progress.map(JourneyProgress::cycle).orElse(order.cycle()),
                    progress.map(JourneyProgress::status).orElse(RECEIVED),
                    order.createdAt(),
                    progress.map(JourneyProgress::updatedAt).orElse(order.createdAt()),
                    progress.map(JourneyProgress::partners).orElse(Map.of()),
                    progress.map(p -> p.timeline().stream()
                                    .map(step -> new JourneyView.TimelineEntry(step.type(), step.at()))
                                    .toList())
                            .orElse(List.of()));
        }));
    }

    /**
     * The event data: references and routing facts only, never the patient reference nor the intake. Its
     * {@code costTier} is the tenant's plan, the service level this order's pharmacy routing must meet.
     */
    private static OrderCreated orderCreated(UUID orderId, StartJourneyRequest request, String plan) {
        return new OrderCreated(orderId.toString(), request.tenantId(), 1, request.therapy(), request.stateCode(),
                request.paymentToken(), plan, request.cycles());
    }
}
