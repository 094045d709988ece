package dev.vtool.schema.diagnose;

/** The knowledge-base file is malformed; the message names the entry and the field. */
public final class KnowledgeBaseException extends RuntimeException {
    public KnowledgeBaseException(String message) {
        super(message);
    }

    public KnowledgeBaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
