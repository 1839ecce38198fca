package dev.carepath.portal.journeys;

import dev.carepath.portal.readmodel.JourneySearch;
import dev.carepath.portal.web.Problems;
import dev.carepath.tenancy.TenantTransactions;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Listing and searching a tenant's journeys ({@code GET /v1/journeys}, the MCP server's {@code list_journeys}): the
 * raw filters as a client gives them are validated here (400 {@code validation}, each bad one named), the rows come
 * from the read model ({@link JourneySearch}, newest first, keyset pages), and the patient reference, which never
 * leaves the orders schema (events do not carry it), is resolved and filled in from the orders here, under the
 * tenant's row-level security.
 *
 * <p>The cursor is opaque to clients: base64url of {@code v1|<createdAt>|<journeyId>} of the last row of the page.
 */
@Service
public class JourneyListing {

    /** Default and largest page size. */
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private static final Pattern STATUS = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");
    private static final Pattern PATIENT_REFERENCE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String CURSOR_VERSION = "v1";

    /**
     * The filters as the client gave them, each {@code null} when absent (see {@code GET /v1/journeys}):
     * {@code createdAfter} inclusive, {@code createdBefore} exclusive, {@code limit} 1-100 (absent: 20),
     * {@code cursor} the {@code nextCursor} of an earlier page.
     */
    public record Query(String status, String therapy, String stateCode, String patientReference,
            OffsetDateTime createdAfter, OffsetDateTime createdBefore, Integer limit, String cursor) {
    }

    /** One journey in the list. */
    public record Item(UUID journeyId, String patientReference, String therapy, String stateCode, int cycle,
            String status, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

        /** Names no patient reference. */
        @Override
        public String toString() {
            return "Item[journeyId=" + journeyId + ", status=" + status + "]";
        }
    }

    /** A page of the list; {@code nextCursor} is {@code null} on the last page. */
    public record Page(List<Item> items, String nextCursor) {
    }

    private final TenantTransactions tenants;
    private final JourneyOrders orders;
    private final JourneySearch search;

    JourneyListing(TenantTransactions tenants, JourneyOrders orders, JourneySearch search) {
        this.tenants = tenants;
        this.orders = orders;
        this.search = search;
    }

    /**
     * One page of {@code tenantId}'s journeys matching {@code query}, newest first.
     *
     * @throws org.springframework.web.ErrorResponseException 400 {@code validation} naming every invalid parameter
     */
    public Page list(String tenantId, Query query) {
        JourneySearch.Criteria criteria = criteria(query);
        return tenants.call(tenantId, () -> {
            JourneySearch.Criteria scoped = criteria;
            if (query.patientReference() != null) {
                scoped = new JourneySearch.Criteria(criteria.status(), criteria.therapy(), criteria.stateCode(),
                        orders.idsOfPatient(query.patientReference()), criteria.createdAfter(),
                        criteria.createdBefore(), criteria.limit(), criteria.after());
            }
            JourneySearch.Page page = search.search(tenantId, scoped);
            Map<UUID, String> references = orders.patientReferences(
                    page.items().stream().map(JourneySearch.Summary::journeyId).toList());
            List<Item> items = page.items().stream()
                    .map(row -> new Item(row.journeyId(), references.get(row.journeyId()), row.therapy(),
                            row.stateCode(), row.cycle(), row.status(), row.createdAt(), row.updatedAt()))
                    .toList();
            return new Page(items, page.next().map(JourneyListing::cursorOf).orElse(null));
        });
    }

    /** The query as read-model criteria, or 400 naming every invalid parameter. */
    static JourneySearch.Criteria criteria(Query query) {
        List<Problems.FieldError> errors = new ArrayList<>();
        if (query.status() != null && !STATUS.matcher(query.status()).matches()) {
            errors.add(new Problems.FieldError("status",
                    "must be a journey status: upper-case letters, digits and '_' (e.g. COMPLETED)"));
        }
        if (query.therapy() != null && Therapy.fromCode(query.therapy()).isEmpty()) {
            errors.add(new Problems.FieldError("therapy", "must be one of: " + Therapy.codes()));
        }
        if (query.stateCode() != null && !UsStates.isCode(query.stateCode())) {
            errors.add(new Problems.FieldError("stateCode", "must be the upper-case two-letter code of a US state or DC"));
        }
        if (query.patientReference() != null && !PATIENT_REFERENCE.matcher(query.patientReference()).matches()) {
            errors.add(new Problems.FieldError("patientReference",
                    "must be an opaque reference of 1-64 letters, digits, '_' or '-'"));
        }
        int limit = query.limit() == null ? DEFAULT_LIMIT : query.limit();
        if (limit < 1 || limit > MAX_LIMIT) {
            errors.add(new Problems.FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
        }
        JourneySearch.Position position = null;
        if (query.cursor() != null) {
            position = positionOf(query.cursor());
            if (position == null) {
                errors.add(new Problems.FieldError("cursor", "must be the nextCursor of an earlier page, unchanged"));
            }
        }
        if (!errors.isEmpty()) {
            throw Problems.validation(errors);
        }
        return new JourneySearch.Criteria(query.status(), query.therapy(), query.stateCode(), null,
                query.createdAfter(), query.createdBefore(), limit, position);
    }

    static String cursorOf(JourneySearch.Position position) {
        String text = CURSOR_VERSION + "|" + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(position.createdAt()) + "|"
                + position.journeyId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor names, or {@code null} when it is not one this API gave out. */
    static JourneySearch.Position positionOf(String cursor) {
        if (cursor.length() > 200) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 3 || !CURSOR_VERSION.equals(parts[0])) {
                return null;
            }
            return Journeys.parseId(parts[2])
                    .map(id -> new JourneySearch.Position(OffsetDateTime.parse(parts[1]), id))
                    .orElse(null);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return null;
        }
    }
}
