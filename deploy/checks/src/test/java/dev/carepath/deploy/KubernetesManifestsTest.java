package dev.carepath.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Kustomize overlay of {@code deploy/k8s} renders ({@code kubectl kustomize}, offline), every rendered object
 * parses into fabric8's typed Kubernetes model with no field the model does not know (a misspelt {@code livenesProbe}
 * would otherwise be dropped by the API server, silently), and the objects keep the platform's rules: probes from the
 * actuator's health groups, requests and limits, a non-root read-only container, no Secret holding a value, no secret
 * as a literal variable, the clinical store reachable from the portal and the workers only.
 */
class KubernetesManifestsTest {

    /** Custom resources of the operators an overlay may use; fabric8's model has no type for them. */
    private static final Set<String> OPERATOR_KINDS = Set.of("postgresql.cnpg.io/v1/Cluster",
            "rabbitmq.com/v1beta1/RabbitmqCluster");
    /** Variable names that hold secrets: never a literal value, except a path to a mounted file. */
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|KEYSET|_KEY|KEYS|TOKEN).*");

    private static final Path K8S = Path.of(System.getProperty("carepath.k8s.dir", "../k8s")).toAbsolutePath().normalize();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Map<String, List<HasMetadata>> RENDERED = new ConcurrentHashMap<>();

    static List<String> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(K8S.resolve("overlays"))) {
            List<String> names = dirs.filter(d -> Files.exists(d.resolve("kustomization.yaml")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
            assertThat(names).as("overlays in %s", K8S).contains("production");
            return names;
        }
    }

    /** The overlay's objects: {@code kubectl kustomize} of it, each document parsed into the typed model. */
    private static List<HasMetadata> rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> parse(kustomize(K8S.resolve("overlays").resolve(o))));
    }

    private static String kustomize(Path dir) {
        try {
            Process kubectl = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(true).start();
            String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kubectl.waitFor(120, TimeUnit.SECONDS)) {
                kubectl.destroyForcibly();
                fail("kubectl kustomize %s did not finish in 120 s", dir);
            }
            assertThat(kubectl.exitValue()).as("kubectl kustomize %s:%n%s", dir, out).isZero();
            return out;
        } catch (IOException e) {
            throw new AssertionError("kubectl is needed to render deploy/k8s (deploy/local/test.sh says how to get it): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (document.isBlank()) {
                continue;
            }
            Object parsed = SERIALIZATION.unmarshal(document);
            assertThat(parsed).as("a Kubernetes object:%n%s", document).isInstanceOf(HasMetadata.class);
            HasMetadata object = (HasMetadata) parsed;
            String kind = object.getApiVersion() + "/" + object.getKind();
            if (object instanceof GenericKubernetesResource) {
                assertThat(OPERATOR_KINDS).as("%s %s: a kind the typed model does not know", kind,
                        object.getMetadata().getName()).contains(kind);
            } else {
                List<String> unknown = new ArrayList<>();
                unknownFields(object, object.getKind() + "/" + object.getMetadata().getName(), unknown,
                        new IdentityHashMap<>());
                assertThat(unknown).as("fields the Kubernetes model does not know").isEmpty();
            }
            objects.add(object);
        }
        return objects;
    }

    /** Collects, under {@code path}, every field that landed in a model object's additional properties. */
    private static void unknownFields(Object value, String path, List<String> unknown, Map<Object, Object> seen) {
        if (value == null || seen.put(value, value) != null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, unknown, seen));
            return;
        }
        if (!value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object field = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(k -> unknown.add(path + "." + k));
                }
            } else {
                unknownFields(field, path + "." + getter.getName().substring(3), unknown, seen);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new AssertionError(getter.toString(), e);
        }
    }

    private static <T> List<T> all(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void aFieldTheModelDoesNotKnowIsCaught() {
        String misspelt = """
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                    - name: c
                      image: i
                      livenesProbe: {httpGet: {path: /actuator/health/liveness, port: 8080}}
                """;
        List<String> unknown = new ArrayList<>();
        unknownFields(SERIALIZATION.unmarshal(misspelt), "Pod/p", unknown, new IdentityHashMap<>());
        assertThat(unknown).containsExactly("Pod/p.Spec.Containers[0].livenesProbe");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyOverlayRendersTheDeployablesAndTheirGuards(String overlay) {
        List<HasMetadata> objects = rendered(overlay);
        assertThat(all(objects, Deployment.class)).extracting(d -> d.getMetadata().getName())
                .contains("engine", "portal", "job-workers");
        assertThat(all(objects, HorizontalPodAutoscaler.class)).singleElement()
                .satisfies(hpa -> assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("job-workers"));
        for (PodDisruptionBudget pdb : all(objects, PodDisruptionBudget.class)) {
            assertThat(all(objects, Deployment.class)).as("a Deployment whose pods PDB %s selects",
                    pdb.getMetadata().getName()).anySatisfy(d -> assertThat(d.getSpec().getTemplate().getMetadata()
                    .getLabels()).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels()));
        }
        assertThat(all(objects, PodDisruptionBudget.class)).extracting(p -> p.getMetadata().getName())
                .contains("engine", "portal", "job-workers");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyContainerHasHealthGroupProbesRequestsLimitsAndRunsLocked(String overlay) {
        for (Deployment deployment : all(rendered(overlay), Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            String name = deployment.getMetadata().getName();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as("%s runs as non-root", name).isTrue();
            assertThat(pod.getAutomountServiceAccountToken()).as("%s mounts no API token", name).isFalse();
            List<Container> containers = new ArrayList<>(pod.getContainers());
            containers.addAll(Objects.requireNonNullElse(pod.getInitContainers(), List.of()));
            for (Container c : containers) {
                String where = name + "/" + c.getName();
                assertThat(c.getLivenessProbe()).as("%s liveness probe", where).isNotNull();
                assertThat(c.getReadinessProbe()).as("%s readiness probe", where).isNotNull();
                if (Set.of("engine", "portal", "job-workers").contains(name)) {
                    assertThat(path(c.getLivenessProbe())).as(where).isEqualTo("/actuator/health/liveness");
                    assertThat(path(c.getReadinessProbe())).as(where).isEqualTo("/actuator/health/readiness");
                }
                assertThat(c.getResources().getRequests()).as("%s requests", where).containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).as("%s limits", where).containsKeys("cpu", "memory");
                assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).as("%s read-only root", where).isTrue();
                assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as(where).isFalse();
                assertThat(c.getSecurityContext().getCapabilities().getDrop()).as(where).contains("ALL");
            }
        }
    }

    private static String path(Probe probe) {
        return probe.getHttpGet() == null ? null : probe.getHttpGet().getPath();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void noSecretHoldsAValueAndNoSecretIsALiteral(String overlay) {
        List<HasMetadata> objects = rendered(overlay);
        for (Secret secret : all(objects, Secret.class)) {
            assertThat(secret.getData()).as("Secret %s data", secret.getMetadata().getName()).isNullOrEmpty();
            assertThat(secret.getStringData()).as("Secret %s stringData", secret.getMetadata().getName())
                    .isNullOrEmpty();
        }
        for (var configMap : all(objects, io.fabric8.kubernetes.api.model.ConfigMap.class)) {
            assertThat(configMap.getData().keySet()).as("ConfigMap %s keys", configMap.getMetadata().getName())
                    .noneMatch(k -> SECRET_NAME.matcher(k).matches());
        }
        Set<String> configMaps = new java.util.HashSet<>();
        all(objects, io.fabric8.kubernetes.api.model.ConfigMap.class).forEach(c -> configMaps.add(c.getMetadata()
                .getName()));
        for (Deployment deployment : all(objects, Deployment.class)) {
            for (Container c : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                for (EnvVar env : Objects.requireNonNullElse(c.getEnv(), List.<EnvVar>of())) {
                    if (SECRET_NAME.matcher(env.getName()).matches() && env.getValue() != null) {
                        assertThat(env.getValue()).as("%s %s: a secret is read from a Secret, or is a mounted file",
                                c.getName(), env.getName()).startsWith("/");
                    }
                }
                for (EnvFromSource from : Objects.requireNonNullElse(c.getEnvFrom(), List.<EnvFromSource>of())) {
                    if (from.getConfigMapRef() != null) {
                        assertThat(configMaps).as("%s: configMapRef", c.getName())
                                .contains(from.getConfigMapRef().getName());
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theClinicalStoreIsReachableFromThePortalAndTheWorkersOnly(String overlay) {
        List<NetworkPolicy> policies = all(rendered(overlay), NetworkPolicy.class);
        assertThat(policies).as("a default deny").anySatisfy(p -> {
            assertThat(p.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
            assertThat(p.getSpec().getIngress()).isNullOrEmpty();
        });
        List<NetworkPolicyPeer> clinicalPeers = new ArrayList<>();
        for (NetworkPolicy policy : policies) {
            Map<String, String> selects = Objects.requireNonNullElse(policy.getSpec().getPodSelector().getMatchLabels(),
                    Map.of());
            if (!"job-workers".equals(selects.get("app.kubernetes.io/name"))) {
                continue;
            }
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                assertThat(rule.getPorts()).as("%s: every rule names its ports", policy.getMetadata().getName())
                        .isNotEmpty();
                if (rule.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == 8082)) {
                    clinicalPeers.addAll(rule.getFrom());
                }
            }
        }
        assertThat(clinicalPeers).isNotEmpty().allSatisfy(peer -> {
            assertThat(peer.getNamespaceSelector()).isNull();
            assertThat(peer.getIpBlock()).isNull();
            assertThat(peer.getPodSelector().getMatchLabels()).containsOnlyKeys("app.kubernetes.io/name");
        });
        assertThat(clinicalPeers).extracting(p -> p.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))
                .containsExactlyInAnyOrder("portal", "job-workers");
    }

    @Test
    void productionReachesPostgresAndRabbitFromThePlatformOnly() {
        List<HasMetadata> objects = rendered("production");
        assertThat(objects).extracting(o -> o.getApiVersion() + "/" + o.getKind())
                .containsAll(OPERATOR_KINDS);
        for (String name : List.of("postgres", "rabbitmq")) {
            NetworkPolicy policy = all(objects, NetworkPolicy.class).stream()
                    .filter(p -> p.getMetadata().getName().equals(name)).findFirst().orElseThrow();
            int clientPort = name.equals("postgres") ? 5432 : 5672;
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                if (rule.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == clientPort)) {
                    assertThat(rule.getFrom()).as("%s: who reaches port %d", name, clientPort).allSatisfy(peer -> {
                        assertThat(peer.getNamespaceSelector()).isNull();
                        assertThat(peer.getIpBlock()).isNull();
                        assertThat(peer.getPodSelector().getMatchLabels()).isNotEmpty();
                    });
                }
            }
        }
    }
}
