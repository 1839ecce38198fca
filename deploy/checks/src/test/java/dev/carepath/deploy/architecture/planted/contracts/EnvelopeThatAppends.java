package dev.carepath.deploy.architecture.planted.contracts;

import dev.carepath.deploy.architecture.planted.eventing.Outbox;

/** Planted: a contract that knows the eventing module (breaks contractsDependOnNothingOfOurs). */
public record EnvelopeThatAppends(Outbox outbox) {
}
