package dev.carepath.workers.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** When SMS and push wait: the tenant's window in the patient's state's time zone, to the window's end. */
class QuietHoursTest {

    private static final NotificationsProperties.QuietHours NIGHT =
            new NotificationsProperties.QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));
    private static final ZoneId FALLBACK = ZoneId.of("America/New_York");

    @Test
    void aMessageDueLateInTheEveningWaitsForTheNextMorningInThePatientsState() {
        // 22:30 in Texas (CST, UTC-6) on 10 January.
        Instant due = Instant.parse("2026-01-11T04:30:00Z");

        assertThat(QuietHours.deferredUntil(NIGHT, "TX", FALLBACK, due))
                .contains(Instant.parse("2026-01-11T14:00:00Z")); // 08:00 CST
    }

    @Test
    void aMessageDueAfterMidnightWaitsForTheSameMorning() {
        // 02:15 in California (PST, UTC-8).
        assertThat(QuietHours.deferredUntil(NIGHT, "CA", FALLBACK, Instant.parse("2026-01-10T10:15:00Z")))
                .contains(Instant.parse("2026-01-10T16:00:00Z"));
    }

    @Test
    void aMessageDueInTheDayGoesAtOnceAndTheSameInstantIsNightElsewhere() {
        Instant due = Instant.parse("2026-07-01T04:30:00Z"); // 21:30 in Los Angeles (PDT), 00:30 in New York (EDT)

        assertThat(QuietHours.deferredUntil(NIGHT, "HI", FALLBACK, due)).as("18:30 in Honolulu").isEmpty();
        assertThat(QuietHours.deferredUntil(NIGHT, "WA", FALLBACK, due))
                .contains(Instant.parse("2026-07-01T15:00:00Z"));
        assertThat(QuietHours.deferredUntil(NIGHT, "NY", FALLBACK, due))
                .contains(Instant.parse("2026-07-01T12:00:00Z"));
    }

    @Test
    void arizonaKeepsStandardTimeInSummer() {
        // 07:30 MST in Phoenix, when Denver (MDT) is already 08:30.
        Instant due = Instant.parse("2026-07-01T14:30:00Z");

        assertThat(QuietHours.deferredUntil(NIGHT, "AZ", FALLBACK, due)).contains(Instant.parse("2026-07-01T15:00:00Z"));
        assertThat(QuietHours.deferredUntil(NIGHT, "CO", FALLBACK, due)).isEmpty();
    }

    @Test
    void aWindowWithinOneDayAndNoWindowAtAll() {
        var lunch = new NotificationsProperties.QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0));
        var none = new NotificationsProperties.QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
        Instant noonInChicago = Instant.parse("2026-01-10T18:10:00Z");

        assertThat(QuietHours.deferredUntil(lunch, "IL", FALLBACK, noonInChicago))
                .contains(Instant.parse("2026-01-10T19:00:00Z"));
        assertThat(QuietHours.deferredUntil(none, "IL", FALLBACK, noonInChicago)).isEmpty();
    }

    @Test
    void aPatientWhoseStateIsNotKnownIsKeptInTheFallbackZone() {
        Instant lateInNewYork = Instant.parse("2026-01-11T03:00:00Z"); // 22:00 EST

        assertThat(QuietHours.deferredUntil(NIGHT, null, FALLBACK, lateInNewYork))
                .contains(Instant.parse("2026-01-11T13:00:00Z"));
        assertThat(QuietHours.zoneOf("ZZ", FALLBACK)).isEqualTo(FALLBACK);
    }
}
