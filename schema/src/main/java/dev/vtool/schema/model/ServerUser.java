package dev.vtool.schema.model;

/** A user of a socks/http outbound server entry. */
public record ServerUser(String user, String pass, int level, String email) {
}
