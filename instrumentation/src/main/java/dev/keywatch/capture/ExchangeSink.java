package dev.keywatch.capture;

/** Receives every finished exchange; the agent classifies and exports it. Must not block. */
public interface ExchangeSink {
    void accept(CapturedExchange exchange);
}
