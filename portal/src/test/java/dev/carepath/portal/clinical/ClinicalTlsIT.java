package dev.carepath.portal.clinical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.carepath.contracts.client.ApiResponse;
import dev.carepath.contracts.client.api.ClinicalApi;
import dev.carepath.contracts.client.model.IntakeAnswers;
import dev.carepath.eventing.testing.RunningApplication;
import dev.carepath.portal.ContractClient;
import dev.carepath.portal.PortalIntegrationSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The clinical hop over TLS end to end (ADR 7), configured as the production profile configures it: the job-workers
 * serve the clinical store on HTTPS with a PEM certificate and key ({@code server.ssl.bundle}), and the portal calls it
 * through {@code carepath.clinical.ssl-bundle}, trusting only the certificate authority that issued it. The
 * certificates are made for the run with {@code openssl} (a test CA, a server certificate for 127.0.0.1). An agent's
 * intake crosses the hop and lands sealed; the same port refuses plain HTTP, and a client that does not trust the CA
 * never gets past the handshake; neither stores anything.
 */
class ClinicalTlsIT extends PortalIntegrationSupport {

    private static final Path CERTIFICATES = Path.of("target", "clinical-tls-" + UUID.randomUUID());

    private static RunningApplication workers;

    @Value("${carepath.clinical.intake.user}")
    String intakeUser;

    @Value("${carepath.clinical.intake.password}")
    String intakePassword;

    @BeforeAll
    static void startJobWorkersOnTls() throws IOException, InterruptedException {
        Files.createDirectories(CERTIFICATES);
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=carepath test CA",
                "-keyout", "ca.key", "-out", "ca.pem");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", "server.key",
                "-out", "server.csr");
        Files.writeString(CERTIFICATES.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\n");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", "server.ext", "-out", "server.pem");
        workers = ClinicalStoreProcess.launch()
                // What the production profile sets, with this run's files in place of the mounted Secret's.
                .arg("--server.ssl.bundle=clinical")
                .arg("--spring.ssl.bundle.pem.clinical.keystore.certificate=" + file("server.pem"))
                .arg("--spring.ssl.bundle.pem.clinical.keystore.private-key=" + file("server.key"))
                // The actuator shares the TLS port here, so readiness is the start-up line, not a plain HTTP probe.
                .start();
    }

    @AfterAll
    static void stopJobWorkers() {
        if (workers != null) {
            workers.close();
        }
    }

    @DynamicPropertySource
    static void clinicalStoreOverTls(DynamicPropertyRegistry registry) {
        registry.add("carepath.clinical.url", ClinicalTlsIT::clinicalUrl);
        registry.add("carepath.clinical.ssl-bundle", () -> "clinical");
        registry.add("spring.ssl.bundle.pem.clinical.truststore.certificate", () -> file("ca.pem"));
    }

    private static String clinicalUrl() {
        return "https://127.0.0.1:" + workers.port();
    }

    private static String file(String name) {
        return "file:" + CERTIFICATES.resolve(name).toAbsolutePath();
    }

    private static void openssl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(CERTIFICATES.toFile()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", arguments) + " failed (install Debian's"
                    + " openssl package):\n" + output);
        }
    }

    @Test
    void anAgentsIntakeCrossesTheHopOverTlsAndLandsSealed() {
        String tenant = newTenant();
        UUID journey = startJourney(tenant);
        IntakeAnswers answers = new IntakeAnswers().givenName("Given").familyName("Family")
                .dateOfBirth(LocalDate.parse("1984-03-02")).address("1 Test Street, Austin TX 78701")
                .email("patient@example.com").heightCm(170.0).weightKg(95.0).comorbidities(List.of())
                .contraindications(List.of());

        ApiResponse<Void> given = ContractClient.ok(() -> new ClinicalApi(ContractClient.bearer(port,
                agentToken(tenant))).giveIntakeWithHttpInfo(journey.toString(), answers));

        assertThat(given.getStatusCode()).isEqualTo(204);
        assertThat(count("SELECT count(*) FROM clinical.intake WHERE tenant_id = ? AND order_id = ?", tenant,
                journey.toString())).isEqualTo(1);
    }

    @Test
    void theClinicalPortRefusesPlainHttpAndAClientThatDoesNotTrustItsAuthority() throws Exception {
        String order = UUID.randomUUID().toString();
        String tenant = "tls-" + order.substring(0, 8);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String path = "/internal/clinical/intakes/" + tenant + "/" + order;

        HttpResponse<String> plain = client.send(intakePut("http://127.0.0.1:" + workers.port() + path),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).as("plain HTTP on the TLS port").isEqualTo(400);
        Throwable untrusted = catchThrowable(() -> client.send(intakePut(clinicalUrl() + path),
                HttpResponse.BodyHandlers.ofString()));
        assertThat(Stream.iterate(untrusted, Objects::nonNull, Throwable::getCause))
                .as("the JVM's default trust does not include the clinical CA: %s", untrusted)
                .anyMatch(SSLHandshakeException.class::isInstance);

        assertThat(count("SELECT count(*) FROM clinical.intake WHERE order_id = ?", order)).isZero();
    }

    private HttpRequest intakePut(String url) {
        String credentials = Base64.getEncoder().encodeToString((intakeUser + ":" + intakePassword)
                .getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + credentials).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"givenName": "Given", "familyName": "Family", "dateOfBirth": "1984-03-02",
                         "address": "1 Test Street", "email": "p@example.com", "heightCm": 170, "weightKg": 95,
                         "comorbidities": [], "contraindications": []}""")).build();
    }
}
