package dev.vtool.engine;

/** A failure worded for the user (V2Ray's words where it has them), never a raw stack trace. */
public class EngineException extends Exception {
    private static final long serialVersionUID = 1L;

    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
