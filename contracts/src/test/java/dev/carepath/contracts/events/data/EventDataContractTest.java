package dev.carepath.contracts.events.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.contracts.schemas.EventSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds each record of {@link EventData} and its JSON Schema to one another, both ways: a full sample of the record
 * conforms to the schema, and the schema names exactly the record's components, with the same required ones. So a
 * record and its schema cannot drift, and a schema without a record fails here.
 */
class EventDataContractTest {

    private static final String ORDER = "6f1c2a9e-2b7d-4c1e-9a55-0d5c1f3e8b21";

    private final ObjectMapper json = new ObjectMapper();
    private final EventSchemas schemas = new EventSchemas(json);

    /** One sample per record with every component given, so each component's schema rule is exercised. */
    @SuppressWarnings("deprecation")
    static List<EventData> samples() {
        return List.of(
                new TenantProvisioned("acme-health", "Acme Health", "northpay", "acct_acme", "https://acme.example/hooks",
                        "premium", List.of(new TenantProvisioned.Entitlement("semaglutide", List.of("TX", "CA"))),
                        new TenantProvisioned.Messaging("Acme", "support@acme.example",
                                new TenantProvisioned.QuietHours("21:00", "08:00"),
                                List.of(new TenantProvisioned.Template("shipped", "On its way", "Hi from {{brand}}")))),
                new TenantMerchantChanged("acme-health", "southpay", "acct_acme_2"),
                new PatientRegistered("patient-ref-1", "TX"),
                new PatientQualified(ORDER, "QUALIFIED", "OK", "eligibility", "semaglutide", "TX"),
                new OrderCreated(ORDER, "acme-health", 1, "semaglutide", "TX", "tok_visa", "standard", 3),
                new OrderCycleDue(ORDER, 2, "semaglutide", "TX", "standard", "tok_visa", 2, "pi-1", 3),
                new OrderCancelRequested(ORDER, 1, "agent-request"),
                new OrderTitrated(ORDER, 2, "semaglutide", 2, 4, "titration", "pi-2"),
                new JourneyStarted(ORDER, 1, "pi-1", "patient-journey:3:pd"),
                new JourneyCompleted(ORDER, 1, "pi-1", "patient-journey:3:pd", "COMPLETED", true, 1),
                new JourneyEnded(ORDER, 1, "pi-1", "patient-journey:3:pd", "PAYMENT_DECLINED", true),
                new JourneyIncidentOpened(ORDER, 1, "pi-1", "patient-journey:3:pd", "inc-1", "failedExternalTask",
                        "Task_ChargePayment"),
                new PaymentCaptured(ORDER, 1, "northpay", 29900, "USD", "ch_1"),
                new PaymentDeclined(ORDER, 1, "northpay", 29900, "USD", "card_declined", 2),
                new PaymentRefunded(ORDER, 1, "northpay", "ch_1", "re_1", 29900),
                new VisitScheduled(ORDER, 1, "medinet", "visit-1", true),
                new VisitCompleted(ORDER, "visit-1", "medinet", "PRESCRIBED"),
                new RxRecorded(ORDER, 1, "rx-1"),
                new RxSubmitted(ORDER, 1, "rx-1", "fillwell", "fw-1"),
                new RxDispensed(ORDER, "rx-1", "fillwell", "fw-1", "ups", "1Z999"),
                new RxCancelled(ORDER, 1, UUID.randomUUID().toString(), "fillwell", "CANCELLED"),
                new NotificationSent(ORDER, 1, "shipped", "email", "msg-1", true),
                new NotificationFailed(ORDER, "n-1", EventTypes.SHIPMENT_SHIPPED, "SMS", "shipped",
                        "invalid_recipient", false),
                new ShipmentShipped(ORDER, "rx-1", "fillwell", "fw-1", "ups", "1Z999"),
                new ShipmentDelivered(ORDER, "rx-1", "fillwell", "fw-1", "ups", "1Z999"),
                new ShipmentException(ORDER, 1, "1Z999", "ups", "lost", "rx-1", "fillwell", "fw-1"),
                new DecisionDeployed("eligibility", 4, "eligibility:4:dd", "a".repeat(64), "ops@carepath", 12, 2),
                new PhiAccessed(ORDER, "prescription", "rx-1", List.of("medication"), "job-workers/submit-erx",
                        "erx-transmission"),
                new IncidentRetried(ORDER, "inc-1", "failedExternalTask", "Task_ChargePayment", "pi-1", "ops"));
    }

    @Test
    void everySchemaHasItsRecordAndEveryRecordItsSchema() throws Exception {
        Set<String> schemaFiles = schemaFiles();
        Set<String> recordSchemas = EventCatalog.records().stream()
                .map(record -> schemaPath(EventCatalog.typeOf(record)))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(schemaFiles).hasSizeGreaterThanOrEqualTo(29);
        assertThat(recordSchemas).as("the schema file of each record").isEqualTo(schemaFiles);
        for (String type : eventTypeNames()) {
            assertThat(EventCatalog.recordOf(type, 1)).as("record of %s", type).isPresent();
        }
    }

    @Test
    void aFullSampleOfEachRecordConformsToItsSchema() throws Exception {
        assertThat(samples().stream().map(EventData::getClass).toList())
                .as("a sample of every record").containsExactlyInAnyOrderElementsOf(EventCatalog.records());
        for (EventData sample : samples()) {
            for (RecordComponent component : sample.getClass().getRecordComponents()) {
                assertThat(component.getAccessor().invoke(sample))
                        .as("%s.%s in the sample", sample.getClass().getSimpleName(), component.getName()).isNotNull();
            }
            assertThat(schemas.violations(sample.eventType(), json.valueToTree(EventCatalog.toMap(sample))))
                    .as("violations of the %s sample", sample.eventType()).isEmpty();
        }
    }

    @Test
    void eachSchemaNamesExactlyItsRecordsComponentsAndRequiresTheRequiredOnes() throws Exception {
        for (Class<? extends EventData> record : EventCatalog.records()) {
            JsonNode schema = read(schemaPath(EventCatalog.typeOf(record)));
            assertMatches(record, schema, record.getSimpleName());
        }
    }

    @Test
    void everyRecordThatNamesAnOrderOrACycleIsAnOrderOrCycleEvent() {
        for (Class<? extends EventData> record : EventCatalog.records()) {
            boolean namesOrder = Arrays.stream(record.getRecordComponents())
                    .anyMatch(component -> component.getName().equals("orderId"));
            assertThat(OrderEvent.class.isAssignableFrom(record)).as("%s is an OrderEvent", record.getSimpleName())
                    .isEqualTo(namesOrder);
            boolean namesCycle = Arrays.stream(record.getRecordComponents())
                    .anyMatch(component -> component.getName().equals("cycle"));
            assertThat(CycleEvent.class.isAssignableFrom(record)).as("%s is a CycleEvent", record.getSimpleName())
                    .isEqualTo(namesCycle);
        }
    }

    @Test
    void absentOptionalComponentsStayOffTheWireAndReadingRestoresTheRecord() {
        JourneyStarted started = new JourneyStarted(ORDER, null, "pi-1", null);

        Map<String, Object> data = EventCatalog.toMap(started);

        assertThat(data).containsOnlyKeys("orderId", "processInstanceId");
        assertThat(EventCatalog.read(event(EventTypes.JOURNEY_STARTED, data))).isEqualTo(started);
        for (EventData sample : samples()) {
            DomainEvent event = event(sample.eventType(), EventCatalog.toMap(sample));
            assertThat(EventCatalog.read(event)).isEqualTo(sample);
            assertThat(EventCatalog.read(event, sample.getClass())).isEqualTo(sample);
        }
    }

    @Test
    void readingIgnoresPropertiesALaterRevisionAddsAndRefusesAnotherTypesRecord() {
        Map<String, Object> data = new LinkedHashMap<>(EventCatalog.toMap(new RxRecorded(ORDER, 2, "rx-1")));
        data.put("addedInALaterRevision", true);
        DomainEvent event = event(EventTypes.RX_RECORDED, data);

        assertThat(EventCatalog.read(event, RxRecorded.class)).isEqualTo(new RxRecorded(ORDER, 2, "rx-1"));
        assertThatThrownBy(() -> EventCatalog.read(event, RxSubmitted.class))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventCatalog.read(event("relay.tested", Map.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertMatches(Class<?> record, JsonNode schema, String where) {
        Set<String> properties = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(properties::add);
        Set<String> required = new TreeSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        List<RecordComponent> components = Arrays.stream(record.getRecordComponents())
                .filter(component -> !component.isAnnotationPresent(NotInSchema.class))
                .toList();

        Set<String> names = components.stream().map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> requiredNames = components.stream().filter(component -> component.isAnnotationPresent(Required.class))
                .map(RecordComponent::getName).collect(Collectors.toCollection(TreeSet::new));
        assertThat(names).as("components of %s against its schema's properties", where).isEqualTo(properties);
        assertThat(requiredNames).as("@Required components of %s against its schema's required", where).isEqualTo(required);
        for (RecordComponent component : record.getRecordComponents()) {
            String name = where + "." + component.getName();
            if (!component.isAnnotationPresent(Required.class)) {
                assertThat(component.getType().isPrimitive()).as("%s is optional, so it may be absent", name)
                        .isFalse();
            }
            Class<?> nested = nestedRecord(component.getGenericType());
            if (nested != null) {
                JsonNode property = schema.path("properties").path(component.getName());
                assertMatches(nested, property.has("items") ? property.path("items") : property, name);
            }
        }
    }

    private static Class<?> nestedRecord(Type type) {
        if (type instanceof Class<?> c && c.isRecord()) {
            return c;
        }
        if (type instanceof ParameterizedType list && list.getActualTypeArguments()[0] instanceof Class<?> c
                && c.isRecord()) {
            return c;
        }
        return null;
    }

    private static Set<String> schemaFiles() throws IOException, URISyntaxException {
        Path root = Path.of(EventDataContractTest.class.getClassLoader().getResource(EventSchemas.LOCATION).toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".json"))
                    .map(file -> EventSchemas.LOCATION + root.relativize(file).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static String schemaPath(EventType type) {
        return EventSchemas.LOCATION + type.value() + "/v" + type.version() + ".json";
    }

    private JsonNode read(String resource) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return json.readTree(in);
        }
    }

    private static DomainEvent event(String type, Map<String, Object> data) {
        return new DomainEvent(UUID.randomUUID().toString(), type, URI.create("/carepath/test"), ORDER, "acme-health",
                1, OffsetDateTime.now(), null, data);
    }

    /** The type names of {@link EventTypes}, each of which must have a record. */
    private static List<String> eventTypeNames() throws IllegalAccessException {
        List<String> types = new ArrayList<>();
        for (Field field : EventTypes.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                types.add((String) field.get(null));
            }
        }
        return types;
    }
}
