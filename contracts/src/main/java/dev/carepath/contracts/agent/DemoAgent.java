package dev.carepath.contracts.agent;

import dev.carepath.contracts.client.ApiClient;
import dev.carepath.contracts.client.ApiException;
import dev.carepath.contracts.client.api.JourneysApi;
import dev.carepath.contracts.client.api.OauthApi;
import dev.carepath.contracts.client.model.IntakeAnswers;
import dev.carepath.contracts.client.model.JourneyAccepted;
import dev.carepath.contracts.client.model.NotificationChannel;
import dev.carepath.contracts.client.model.StartJourneyRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The demo's agent, on the generated client only (no hand-written HTTP):
 * <pre>
 *   start  API RUN_ID JOURNEYS CYCLES FAULTS TENANT=CLIENT_ID:SECRET...
 *          starts the journeys one after the other (POST /v1/journeys, the order and its intake inline, an
 *          Idempotency-Key per journey; a 503 is retried with the same key), printing for each
 *          "journeyId tenant expectedOutcome milliseconds"
 *   follow API FILE INTERVAL_MS TENANT=CLIENT_ID:SECRET...
 *          reads "journeyId tenant" lines from stdin, then every INTERVAL_MS reads each journey
 *          (GET /v1/journeys/{id}) and replaces FILE with "journeyId status" lines, until it is stopped
 * </pre>
 * Journey i goes to the (i mod tenants)-th tenant, therapy semaglutide or tirzepatide by pairs, one of twelve states;
 * under the chaos faults every 10th pays with a declining card and is expected to end {@code PAYMENT_DECLINED}.
 * Each tenant's client takes its own token (client credentials, renewed after four of its five minutes). Exits 1 with
 * the answer's status and body when the API refuses a start.
 */
public final class DemoAgent {

    static final List<String> THERAPIES = List.of("semaglutide", "tirzepatide");
    static final List<String> STATES = List.of("TX", "CA", "FL", "NY", "OH", "AK", "WA", "GA", "CO", "NC", "AZ", "MT");
    private static final Duration TOKEN_RENEWAL = Duration.ofMinutes(4);

    private final String api;
    private final Map<String, String> clients;
    private final Map<String, JourneysApi> journeys = new LinkedHashMap<>();
    private final Map<String, Instant> tokenTakenAt = new LinkedHashMap<>();

    DemoAgent(String api, Map<String, String> clients) {
        this.api = api;
        this.clients = clients;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            usage();
        }
        switch (args[0]) {
            case "start" -> {
                if (args.length < 7) {
                    usage();
                }
                DemoAgent agent = new DemoAgent(args[1], clients(args, 6));
                agent.start(args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), args[5], System.out);
            }
            case "follow" -> {
                if (args.length < 5) {
                    usage();
                }
                DemoAgent agent = new DemoAgent(args[1], clients(args, 4));
                List<String[]> followed = new ArrayList<>();
                for (String line : new String(System.in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank()) {
                        followed.add(line.trim().split(" "));
                    }
                }
                agent.follow(followed, Path.of(args[2]), Long.parseLong(args[3]));
            }
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: DemoAgent start API RUN_ID JOURNEYS CYCLES calm|chaos TENANT=CLIENT_ID:SECRET...\n"
                + "       DemoAgent follow API FILE INTERVAL_MS TENANT=CLIENT_ID:SECRET... < journeys");
        System.exit(2);
    }

    private static Map<String, String> clients(String[] args, int from) {
        Map<String, String> clients = new LinkedHashMap<>();
        for (int i = from; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            clients.put(pair[0], pair[1]);
        }
        return clients;
    }

    /**
     * How demo patient {@code i} chose to be told: by turns email only, email and SMS, and all three channels, so the
     * messaging ledger shows every channel (SMS and push wait out the tenants' quiet hours, docs/adr/0022).
     */
    static void chooseChannels(IntakeAnswers intake, int i) {
        switch (i % 3) {
            case 1 -> intake.phone("+1512555%04d".formatted(i % 10_000))
                    .channels(new LinkedHashSet<>(List.of(NotificationChannel.EMAIL, NotificationChannel.SMS)));
            case 2 -> intake.phone("+1512555%04d".formatted(i % 10_000)).pushToken("demo-device-%012d".formatted(i))
                    .channels(new LinkedHashSet<>(List.of(NotificationChannel.EMAIL, NotificationChannel.SMS,
                            NotificationChannel.PUSH)));
            default -> { } // email only, as an intake without channels
        }
    }

    /** Starts {@code count} journeys in sequence and prints one line for each. */
    void start(String runId, int count, int cycles, String faults, PrintStream out) throws InterruptedException {
        List<String> tenants = new ArrayList<>(clients.keySet());
        for (int i = 0; i < count; i++) {
            String tenant = tenants.get(i % tenants.size());
            String paymentToken = "tok_demo_" + runId.replace('-', '_') + "_" + "%03d".formatted(i);
            String outcome = "COMPLETED";
            if ("chaos".equals(faults) && i % 10 == 9) {
                paymentToken = "tok_decline_demo_" + i;
                outcome = "PAYMENT_DECLINED";
            }
            // The order, the cycles it buys and the patient's medical intake (PHI) inline: an adult with a BMI of 33.
            StartJourneyRequest request = new StartJourneyRequest().tenantId(tenant)
                    .patientReference("demo-patient-%03d".formatted(i))
                    .therapy(THERAPIES.get((i / 2) % THERAPIES.size())).stateCode(STATES.get(i % STATES.size()))
                    .paymentToken(paymentToken).cycles(cycles)
                    .intake(new IntakeAnswers().givenName("Demo").familyName("Patient %03d".formatted(i))
                            .dateOfBirth(LocalDate.of(1980, 5, i % 28 + 1)).address(i + " Demo Street")
                            .email("demo.patient.%03d@example.com".formatted(i)).heightCm(172.0).weightKg(98.0)
                            .comorbidities(List.of()).contraindications(List.of()));
            chooseChannels(request.getIntake(), i);
            String key = "demo-" + runId + "-" + i;
            // A 503 (the clinical store could not take the intake; the journey is stored) is answered by the same
            // request with the same Idempotency-Key: it finds that journey and hands the intake over again.
            for (int attempt = 1; ; attempt++) {
                long started = System.nanoTime();
                try {
                    JourneyAccepted accepted = journeys(tenant).startJourney(key, request);
                    long millis = (System.nanoTime() - started) / 1_000_000;
                    out.println(accepted.getJourneyId() + " " + tenant + " " + outcome + " " + millis);
                    out.flush();
                    break;
                } catch (ApiException e) {
                    if (e.getCode() != 503 || attempt == 5) {
                        System.err.println("POST /v1/journeys answered " + e.getCode() + ": " + e.getResponseBody());
                        System.exit(1);
                    }
                    Thread.sleep(2000);
                }
            }
        }
    }

    /** Reads each journey's status every {@code intervalMillis} into {@code file}, until the process is stopped. */
    void follow(List<String[]> followed, Path file, long intervalMillis) throws InterruptedException, IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        while (true) {
            StringBuilder statuses = new StringBuilder();
            for (String[] journey : followed) {
                String status;
                try {
                    status = journeys(journey[1]).getJourney(journey[0]).getStatus();
                } catch (ApiException e) {
                    status = "UNKNOWN";
                }
                statuses.append(journey[0]).append(' ').append(status).append('\n');
            }
            Files.writeString(next, statuses);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Thread.sleep(intervalMillis);
        }
    }

    /** The tenant's journeys API with a current token of its client. */
    private JourneysApi journeys(String tenant) throws ApiException {
        Instant taken = tokenTakenAt.get(tenant);
        if (taken == null || taken.plus(TOKEN_RENEWAL).isBefore(Instant.now())) {
            String token = token(clients.get(tenant));
            journeys.put(tenant, new JourneysApi(client().setRequestInterceptor(
                    request -> request.header("Authorization", "Bearer " + token))));
            tokenTakenAt.put(tenant, Instant.now());
        }
        return journeys.get(tenant);
    }

    /** A client-credentials token of {@code clientIdAndSecret} ("id:secret"), HTTP Basic as the contract says. */
    private String token(String clientIdAndSecret) throws ApiException {
        String basic = Base64.getEncoder().encodeToString(clientIdAndSecret.getBytes(StandardCharsets.UTF_8));
        return new OauthApi(client()).issueToken("client_credentials", null, Map.of("Authorization", "Basic " + basic))
                .getAccessToken();
    }

    private ApiClient client() {
        return new ApiClient(java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)),
                ApiClient.createDefaultObjectMapper(), api).setReadTimeout(Duration.ofSeconds(30));
    }
}
