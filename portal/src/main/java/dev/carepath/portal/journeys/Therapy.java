package dev.carepath.portal.journeys;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The therapies an order may name. (Which ones a tenant offers in which state moves to DMN.) */
enum Therapy {
    SEMAGLUTIDE("semaglutide"),
    TIRZEPATIDE("tirzepatide");

    private final String code;

    Therapy(String code) {
        this.code = code;
    }

    String code() {
        return code;
    }

    static Optional<Therapy> fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }

    static String codes() {
        return Arrays.stream(values()).map(Therapy::code).collect(Collectors.joining(", "));
    }
}
