package dev.carepath.simulator.telehealth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What the networks' providers prescribe at a first visit: the starter dose of each GLP-1 therapy, four weekly
 * pens. A therapy code matches when it names the medication (e.g. {@code semaglutide},
 * {@code compounded-semaglutide}).
 */
enum Formulary {

    SEMAGLUTIDE("semaglutide", "0.25", "Inject 0.25 mg subcutaneously once weekly for 4 weeks"),
    TIRZEPATIDE("tirzepatide", "2.5", "Inject 2.5 mg subcutaneously once weekly for 4 weeks");

    static final int WEEKLY_PENS = 4;

    private final String medication;
    private final String starterDoseMg;
    private final String directions;

    Formulary(String medication, String starterDoseMg, String directions) {
        this.medication = medication;
        this.starterDoseMg = starterDoseMg;
        this.directions = directions;
    }

    static Optional<Formulary> forTherapy(String therapy) {
        String code = therapy.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(entry -> code.contains(entry.medication)).findFirst();
    }

    String medication() {
        return medication;
    }

    String starterDoseMg() {
        return starterDoseMg;
    }

    String directions() {
        return directions;
    }
}
