package dev.vtool.engine.mux;

/** A carrier sent something Mux.cool does not allow; 4.34 then ends the whole carrier. */
final class MuxException extends Exception {
    MuxException(String message) {
        super(message, null, false, false);
    }
}
