package dev.carepath.simulator.payments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PaymentLedgerTest {

    private final PaymentLedger ledger = new PaymentLedger();

    @Test
    void oneChargePerOrderCycleIsNoDoubleCharge() {
        ledger.recordCharge("northpay", "t1:o1:1", "acct_1", 19_900, "USD");
        ledger.recordCharge("northpay", "t1:o1:2", "acct_1", 19_900, "USD");
        ledger.recordCharge("northpay", "t1:o2:1", "acct_1", 19_900, "USD");
        ledger.recordCharge("northpay", "t1:o1:1", "acct_2", 19_900, "USD");

        assertThat(ledger.charges()).isEqualTo(4);
        assertThat(ledger.doubleCharges()).isZero();
    }

    @Test
    void countsTheSameKeyChargedTwiceOnce() {
        ledger.recordCharge("northpay", "t1:o1:1", "acct_1", 19_900, "USD");
        ledger.recordCharge("keystone-payments", "t1:o1:1", "acct_1", 19_900, "USD");
        ledger.recordCharge("northpay", "t1:o1:1", "acct_1", 19_900, "USD");

        assertThat(ledger.doubleCharges()).isEqualTo(1);
    }

    @Test
    void countsANewKeyMintedForTheSameOrderCycle() {
        ledger.recordCharge("northpay", "t1:o1:1", "acct_1", 19_900, "USD");
        ledger.recordCharge("northpay", "t1:o1:1:retry-2", "acct_1", 19_900, "USD");
        ledger.recordCharge("northpay", "t1:o9:1", "acct_1", 19_900, "USD");
        ledger.recordCharge("northpay", "t1:o9:1:a", "acct_1", 19_900, "USD");

        assertThat(ledger.doubleCharges()).isEqualTo(2);
    }

    @Test
    void refundsNeverExceedTheCharge() {
        PaymentLedger.Entry charge = ledger.recordCharge("northpay", "t1:o1:1", "acct_1", 10_000, "USD");

        assertThat(ledger.recordRefund(charge, "r1", 6_000)).isPresent();
        assertThat(ledger.recordRefund(charge, "r2", 5_000)).isEmpty();
        assertThat(ledger.recordRefund(charge, "r3", 4_000)).isPresent();
        assertThat(ledger.refunds()).isEqualTo(2);
    }
}
