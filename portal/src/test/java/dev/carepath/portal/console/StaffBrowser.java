package dev.carepath.portal.console;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person at the console, over real HTTP to the test's portal: keeps the session cookie, follows no redirect (the
 * tests look at them), and sends the CSRF token of the last page it saw with every POST, as a browser's form does.
 */
public final class StaffBrowser {

    public static final String COOKIE = "CAREPATH_CONSOLE";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_HEADER = Pattern.compile("&quot;X-CSRF-TOKEN&quot;:&quot;([^&]+)&quot;");

    private final int port;
    private String session;
    private String csrf;

    public StaffBrowser(int port) {
        this.port = port;
    }

    /** A page as the browser got it. */
    public record Page(int status, String body, HttpResponse<String> response) {

        public String location() {
            return response.headers().firstValue("Location").orElse(null);
        }

        public List<String> setCookies() {
            return response.headers().allValues("Set-Cookie");
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    /** Logs in through the login form; the answer is the redirect that follows the form. */
    public Page login(String username, String password) {
        get("/console/login");
        return post("/console/login", Map.of("username", username, "password", password));
    }

    /** Logs in and fails the test unless it worked. */
    public StaffBrowser loggedInAs(String username, String password) {
        Page answer = login(username, password);
        if (answer.status() != 302 || !answer.location().endsWith("/console")) {
            throw new AssertionError("login of " + username + " failed: " + answer.status() + " " + answer.location());
        }
        get("/console");
        return this;
    }

    public Page get(String path) {
        return send(request(path).GET());
    }

    /** A form POST with the CSRF token of the last page seen (as a browser's form sends it). */
    public Page post(String path, Map<String, String> form) {
        Map<String, String> fields = new LinkedHashMap<>(form);
        if (csrf != null) {
            fields.putIfAbsent("_csrf", csrf);
        }
        return postExactly(path, fields);
    }

    /** A form POST of exactly these fields (no CSRF token unless given). */
    public Page postExactly(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public String sessionCookie() {
        return session;
    }

    /** Uses another session cookie (a stale or stolen one). */
    public void useSession(String cookie) {
        this.session = cookie;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20)).header("Accept", "text/html");
        if (session != null) {
            request.header("Cookie", COOKIE + "=" + session);
        }
        return request;
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String cookie : response.headers().allValues("Set-Cookie")) {
                if (cookie.startsWith(COOKIE + "=")) {
                    String value = cookie.substring(COOKIE.length() + 1, cookie.indexOf(';'));
                    session = value.isEmpty() ? null : value;
                }
            }
            Matcher field = CSRF_FIELD.matcher(response.body());
            Matcher header = CSRF_HEADER.matcher(response.body());
            if (field.find()) {
                csrf = field.group(1);
            } else if (header.find()) {
                csrf = header.group(1);
            }
            return new Page(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
