package dev.carepath.connectors.messaging;

/** How a message reaches the patient; each is sent through the provider configured for it. */
public enum MessageChannel {
    EMAIL, SMS, PUSH
}
