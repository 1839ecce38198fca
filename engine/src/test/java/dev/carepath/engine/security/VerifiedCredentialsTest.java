package dev.carepath.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedCredentialsTest {

    private final AtomicLong nanos = new AtomicLong();
    private final VerifiedCredentials credentials = new VerifiedCredentials(Duration.ofSeconds(30), nanos::get);
    private final AtomicInteger checks = new AtomicInteger();

    private boolean right(String user, String password) {
        return credentials.isRight(user, password, () -> {
            checks.incrementAndGet();
            return "jobworkers".equals(user) && "right".equals(password);
        });
    }

    @Test
    void aRightPasswordIsCheckedOnceWithinTheTimeToLiveAndAgainAfterIt() {
        assertThat(right("jobworkers", "right")).isTrue();
        nanos.addAndGet(Duration.ofSeconds(29).toNanos());
        assertThat(right("jobworkers", "right")).isTrue();
        assertThat(checks).hasValue(1);

        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(right("jobworkers", "right")).isTrue();
        assertThat(checks).hasValue(2);
    }

    @Test
    void aWrongPasswordIsCheckedEveryTimeAndNeverPassesForARightOne() {
        assertThat(right("jobworkers", "right")).isTrue();
        assertThat(right("jobworkers", "wrong")).isFalse();
        assertThat(right("jobworkers", "wrong")).isFalse();
        assertThat(right("portal", "right")).isFalse();
        assertThat(checks).hasValue(4);
    }

    @Test
    void aUsersGroupsAndTenantsAreLookedUpOnceWithinTheTimeToLive() {
        AtomicInteger lookups = new AtomicInteger();
        var found = new VerifiedCredentials.Memberships(List.of("workers"), List.of("tenant-a"));
        assertThat(credentials.of("jobworkers", () -> {
            lookups.incrementAndGet();
            return found;
        })).isEqualTo(found);
        assertThat(credentials.of("jobworkers", () -> {
            lookups.incrementAndGet();
            return new VerifiedCredentials.Memberships(List.of(), List.of());
        })).isEqualTo(found);
        assertThat(lookups).hasValue(1);

        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        credentials.of("jobworkers", () -> {
            lookups.incrementAndGet();
            return found;
        });
        assertThat(lookups).hasValue(2);
    }

    @Test
    void aTenantProvisionedDropsTheMembershipsKeptButNotTheRightPasswords() {
        AtomicInteger lookups = new AtomicInteger();
        var before = new VerifiedCredentials.Memberships(List.of("workers"), List.of());
        var after = new VerifiedCredentials.Memberships(List.of("workers"), List.of("tenant-new"));
        credentials.of("jobworkers", () -> {
            lookups.incrementAndGet();
            return before;
        });
        right("jobworkers", "right");

        credentials.membershipsChanged();

        assertThat(credentials.of("jobworkers", () -> {
            lookups.incrementAndGet();
            return after;
        })).isEqualTo(after);
        assertThat(lookups).hasValue(2);
        right("jobworkers", "right");
        assertThat(checks).hasValue(1);
    }

    @Test
    void aTimeToLiveOfZeroKeepsNothing() {
        VerifiedCredentials none = new VerifiedCredentials(Duration.ZERO, nanos::get);
        AtomicInteger lookups = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            none.isRight("jobworkers", "right", () -> checks.incrementAndGet() > 0);
            none.of("jobworkers", () -> {
                lookups.incrementAndGet();
                return new VerifiedCredentials.Memberships(List.of(), List.of());
            });
        }
        assertThat(checks).hasValue(3);
        assertThat(lookups).hasValue(3);
    }
}
