package dev.carepath.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.carepath.dmn.FeelEngines;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.operaton.bpm.engine.OptimisticLockingException;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineConfiguration;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.externaltask.LockedExternalTask;
import org.operaton.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.operaton.bpm.engine.impl.cfg.TransactionState;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.operaton.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.model.bpmn.instance.ServiceTask;

/**
 * The ceiling the platform is measured against: the shipped journey model ({@code bpmn/patient-journey.bpmn}) and
 * decision tables ({@code dmn/*.dmn}, with the platform's shared FEEL engine) on a bare Operaton engine in this JVM,
 * on PostgreSQL with full history and the platform's job executor settings. No events, no partners: the model's
 * expression beans do the cycle arithmetic only, no-op workers complete each external task at once with the facts
 * the real workers would give (eligible, charged, booked, prescribed ...), and the visit and the delivery are
 * correlated as soon as the task that asks a partner for them completes, as the partner's webhook would be. A cycle
 * that requests the next one has it started after its commit, as the orchestrator does on {@code order.cycle-due}.
 */
final class BareEngine implements AutoCloseable {

    /** The facts each topic's real worker completes its task with, on the happy path. */
    private static final Map<String, Map<String, Object>> ANSWERS = Map.of(
            "evaluate-eligibility", Map.of("eligibilityOutcome", "eligible"),
            "hold-follow-up-visit", Map.of("tolerated", true),
            "charge-payment", Map.of("chargeId", "ch_bench"),
            "schedule-visit", Map.of("visitId", "visit_bench"),
            "record-rx", Map.of("rxId", "rx_bench"),
            "quote-pharmacy-prices", Map.of("cedarPharmacyPriceCents", 129_900L, "harborMailRxPriceCents", 134_900L),
            "submit-erx", Map.of("pharmacyPrescriptionId", "erx_bench"));
    /** The partner event each topic's partner call leads to, correlated at once. */
    private static final Map<String, Correlation> EVENTS = Map.of(
            "schedule-visit", new Correlation("visit.completed", Map.of("visitOutcome", "prescribed")),
            "submit-erx", new Correlation("shipment.delivered", Map.of("trackingNumber", "1Z_bench")));

    record Correlation(String message, Map<String, Object> variables) {
    }

    private final HikariDataSource dataSource;
    private final ProcessEngine engine;
    private final List<String> topics;
    private final ExecutorService starters;
    private final ExecutorService workers;
    private final ExecutorService correlators;
    private final LinkedBlockingQueue<Runnable> correlations = new LinkedBlockingQueue<>();
    private final long lockDurationMillis;
    private final int cyclesPerJourney;
    private volatile boolean running = true;
    private volatile boolean nextCycles = true;

    /**
     * @param followUpUnit one week of the titration schedule (as {@code carepath.journey.follow-up-unit})
     */
    BareEngine(String jdbcUrl, String user, String password, int pool, Duration followUpUnit, int workerThreads,
               int maxTasks, long lockDurationMillis, int cyclesPerJourney, String history,
               Map<String, Integer> jobExecution) {
        this.lockDurationMillis = lockDurationMillis;
        this.cyclesPerJourney = cyclesPerJourney;
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(jdbcUrl);
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(pool);
        hikari.setAutoCommit(false);
        dataSource = new HikariDataSource(hikari);

        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName("bench-bare");
        configuration.setDataSource(dataSource);
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setHistory(history);
        // The platform's ids (the Spring Boot starter's default generator): rows as wide as the platform's, and ids
        // the waiting bench's fast path can derive copies from (WaitingCycleCopies).
        configuration.setIdGenerator(new StrongUuidGenerator());
        configuration.setHistoryTimeToLive("P180D");
        configuration.setDmnEngineConfiguration(FeelEngines.dmnEngineConfiguration());
        configuration.setBeans(new HashMap<>(Map.of(
                "journeyEvents", new Events(),
                "journeyCycles", new Cycles(),
                "journeyTimers", new Timers(followUpUnit))));
        // The platform's job executor (engine application.yml and the Spring Boot starter's defaults).
        DefaultJobExecutor jobExecutor = new DefaultJobExecutor();
        jobExecutor.setCorePoolSize(jobExecution.getOrDefault("core-pool-size", 3));
        jobExecutor.setMaxPoolSize(jobExecution.getOrDefault("max-pool-size", 10));
        jobExecutor.setQueueSize(jobExecution.getOrDefault("queue-capacity", 3));
        jobExecutor.setMaxJobsPerAcquisition(jobExecution.getOrDefault("max-jobs-per-acquisition", 3));
        jobExecutor.setWaitTimeInMillis(500);
        jobExecutor.setMaxWait(5000);
        configuration.setJobExecutor(jobExecutor);
        configuration.setJobExecutorActivate(true);
        engine = configuration.buildProcessEngine();

        try (InputStream model = resource("bpmn/patient-journey.bpmn")) {
            BpmnModelInstance instance = Bpmn.readModelFromStream(model);
            Set<String> found = new LinkedHashSet<>();
            instance.getModelElementsByType(ServiceTask.class).forEach(task -> {
                if (task.getOperatonTopic() != null) {
                    found.add(task.getOperatonTopic());
                }
            });
            topics = List.copyOf(found);
            var deployment = engine.getRepositoryService().createDeployment().name("bench-bare")
                    .addModelInstance("patient-journey.bpmn", instance);
            for (String table : List.of("eligibility", "provider-routing", "pharmacy-routing", "titration")) {
                deployment.addInputStream(table + ".dmn", resource("dmn/" + table + ".dmn"));
            }
            deployment.enableDuplicateFiltering(true).deploy();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }

        starters = Executors.newFixedThreadPool(8);
        workers = Executors.newFixedThreadPool(workerThreads);
        for (int i = 0; i < workerThreads; i++) {
            String workerId = "bare-worker-" + i;
            workers.submit(() -> work(workerId, maxTasks));
        }
        correlators = Executors.newFixedThreadPool(2);
        for (int i = 0; i < 2; i++) {
            correlators.submit(this::correlate);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = BareEngine.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the classpath");
        }
        return in;
    }

    /** Offers a journey: its first cycle starts on one of the 8 starter threads (the orchestrator's consumers). */
    void offer(String journeyId) {
        starters.submit(() -> startCycle(journeyId, 1, 1));
    }

    private void startCycle(String journeyId, int cycle, int doseStep) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("orderId", journeyId);
        variables.put("tenantId", "bench");
        variables.put("cycle", cycle);
        variables.put("cyclesBought", cyclesPerJourney);
        variables.put("doseStep", doseStep);
        variables.put("therapy", "semaglutide");
        variables.put("stateCode", "TX");
        variables.put("costTier", "standard");
        variables.put("paymentToken", "tok_bench");
        engine.getRuntimeService().createProcessInstanceByKey(Measurements.PROCESS_KEY).businessKey(journeyId)
                .setVariables(variables).execute();
    }

    private void work(String workerId, int maxTasks) {
        var service = engine.getExternalTaskService();
        while (running) {
            try {
                var fetch = service.fetchAndLock(maxTasks, workerId);
                topics.forEach(topic -> fetch.topic(topic, lockDurationMillis));
                List<LockedExternalTask> tasks = fetch.execute();
                if (tasks.isEmpty()) {
                    Thread.sleep(5);
                    continue;
                }
                for (LockedExternalTask task : tasks) {
                    service.complete(task.getId(), workerId, ANSWERS.getOrDefault(task.getTopicName(), Map.of()));
                    Correlation event = EVENTS.get(task.getTopicName());
                    if (event != null) {
                        String instance = task.getProcessInstanceId();
                        correlations.add(() -> engine.getRuntimeService().createMessageCorrelation(event.message())
                                .processInstanceId(instance).setVariables(event.variables()).correlateWithResult());
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    System.out.println("  bare worker: " + e.getMessage());
                }
            }
        }
    }

    private void correlate() {
        while (running) {
            Runnable correlation;
            try {
                correlation = correlations.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (correlation == null) {
                continue;
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    correlation.run();
                    break;
                } catch (OptimisticLockingException e) {
                    if (attempt == 5) {
                        System.out.println("  bare correlation gave up: " + e.getMessage());
                        break;
                    }
                } catch (RuntimeException e) {
                    if (running) {
                        System.out.println("  bare correlation: " + e.getMessage());
                    }
                    break;
                }
            }
        }
    }

    /** From now on a cycle that requests the next one ends without it being started. */
    void stopNextCycles() {
        nextCycles = false;
    }

    @Override
    public void close() {
        running = false;
        ((org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getJobExecutor().shutdown();
        starters.shutdownNow();
        workers.shutdownNow();
        correlators.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine.close();
        dataSource.close();
    }

    // ---- the model's expression beans, without events

    /** {@code journeyEvents}: no events bare; a cycle due starts the next cycle once its instance committed. */
    public final class Events {
        public void started(DelegateExecution execution) {
        }

        public void ended(DelegateExecution execution, String outcome) {
        }

        public void programmeCompleted(DelegateExecution execution) {
        }

        public void titrated(DelegateExecution execution) {
        }

        public void cycleDue(DelegateExecution execution) {
            String journeyId = execution.getProcessBusinessKey();
            int next = ((Number) execution.getVariable("cycle")).intValue() + 1;
            int doseStep = ((Number) execution.getVariable("doseStep")).intValue();
            Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                    context -> {
                        if (running && nextCycles) {
                            starters.submit(() -> startCycle(journeyId, next, doseStep));
                        }
                    });
        }
    }

    /** {@code journeyCycles}: as the engine's JourneyCycles, with the cycles bought a variable. */
    public static final class Cycles {
        public void applyTitration(DelegateExecution execution) {
            Map<?, ?> titration = (Map<?, ?>) execution.getVariable("titration");
            execution.setVariable("doseStep", ((Number) titration.get("nextDoseStep")).intValue());
            execution.setVariable("weeksToNextFollowUp", ((Number) titration.get("weeksToNextFollowUp")).intValue());
            execution.removeVariable("titration");
        }

        public boolean moreCyclesBought(DelegateExecution execution) {
            return ((Number) execution.getVariable("cycle")).intValue()
                    < ((Number) execution.getVariable("cyclesBought")).intValue();
        }

        public boolean chargeRetryAllowed(DelegateExecution execution) {
            return false;
        }

        public void nextChargeAttempt(DelegateExecution execution) {
            execution.setVariable("chargeAttempt", 2);
        }
    }

    /** {@code journeyTimers}: the engine's defaults but for the follow-up unit. */
    public static final class Timers {
        private final Duration followUpUnit;

        Timers(Duration followUpUnit) {
            this.followUpUnit = followUpUnit;
        }

        public String visitSla() {
            return Duration.ofHours(72).toString();
        }

        public String deliverySla() {
            return Duration.ofDays(10).toString();
        }

        public String chargeRetry() {
            return Duration.ofDays(3).toString();
        }

        public String followUp(DelegateExecution execution) {
            Object weeks = execution.getVariable("weeksToNextFollowUp");
            int count = weeks instanceof Number number ? number.intValue() : 4;
            return followUpUnit.multipliedBy(Math.max(1, count)).toString();
        }
    }

    List<String> topics() {
        return new ArrayList<>(topics);
    }
}
