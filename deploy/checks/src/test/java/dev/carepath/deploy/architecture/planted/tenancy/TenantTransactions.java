package dev.carepath.deploy.architecture.planted.tenancy;

/** Lawful: tenancy on nothing of ours. */
public class TenantTransactions {

    public void run(String tenantId, Runnable work) {
        work.run();
    }
}
