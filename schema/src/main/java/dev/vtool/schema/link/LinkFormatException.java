package dev.vtool.schema.link;

/** A share link that cannot be read; the message says what is wrong in the user's terms. */
public final class LinkFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public LinkFormatException(String message) {
        super(message);
    }
}
