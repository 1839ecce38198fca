package dev.carepath.workers.notifications;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When an SMS or push message may go out: not in the tenant's quiet hours, a local-time window kept in the time
 * zone of the patient's state (where the patient is, as recorded for the visit, ADR 0022). A state spanning two
 * zones takes the zone most of its people live in (e.g. Texas: Central, Florida: Eastern, Arizona: no daylight
 * saving time). Email is never held: it waits in the patient's inbox anyway.
 */
final class QuietHours {

    private static final Map<String, ZoneId> STATE_ZONES = stateZones();

    private QuietHours() {
    }

    /**
     * The end of the window when {@code now} falls inside it (the message waits until then), else empty.
     *
     * @param window    the tenant's quiet hours; {@code start} after {@code end} spans midnight; equal: no window
     * @param stateCode the patient's state (USPS code), or null when not known yet
     * @param fallback  the zone of an unknown state
     */
    static Optional<Instant> deferredUntil(NotificationsProperties.QuietHours window, String stateCode,
            ZoneId fallback, Instant now) {
        LocalTime start = window.start();
        LocalTime end = window.end();
        if (start.equals(end)) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(zoneOf(stateCode, fallback));
        LocalTime time = local.toLocalTime();
        boolean spansMidnight = start.isAfter(end);
        boolean quiet = spansMidnight ? !time.isBefore(start) || time.isBefore(end)
                : !time.isBefore(start) && time.isBefore(end);
        if (!quiet) {
            return Optional.empty();
        }
        LocalDateTime endToday = local.toLocalDate().atTime(end);
        LocalDateTime until = time.isBefore(end) ? endToday : endToday.plusDays(1);
        // atZone resolves a window end inside a daylight-saving gap to the first valid instant after it.
        return Optional.of(until.atZone(local.getZone()).toInstant());
    }

    static ZoneId zoneOf(String stateCode, ZoneId fallback) {
        return stateCode == null ? fallback : STATE_ZONES.getOrDefault(stateCode, fallback);
    }

    private static Map<String, ZoneId> stateZones() {
        Map<String, ZoneId> zones = new HashMap<>();
        put(zones, "America/New_York", List.of("CT", "DE", "DC", "FL", "GA", "IN", "KY", "ME", "MD", "MA", "MI", "NH",
                "NJ", "NY", "NC", "OH", "PA", "RI", "SC", "VT", "VA", "WV"));
        put(zones, "America/Chicago", List.of("AL", "AR", "IL", "IA", "KS", "LA", "MN", "MS", "MO", "NE", "ND", "OK",
                "SD", "TN", "TX", "WI"));
        put(zones, "America/Denver", List.of("CO", "ID", "MT", "NM", "UT", "WY"));
        put(zones, "America/Phoenix", List.of("AZ"));
        put(zones, "America/Los_Angeles", List.of("CA", "NV", "OR", "WA"));
        put(zones, "America/Anchorage", List.of("AK"));
        put(zones, "Pacific/Honolulu", List.of("HI"));
        return Map.copyOf(zones);
    }

    private static void put(Map<String, ZoneId> zones, String zone, List<String> states) {
        ZoneId id = ZoneId.of(zone);
        states.forEach(state -> zones.put(state, id));
    }
}
