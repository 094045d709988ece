package dev.vtool.schema.model;

/** A user name and password accepted by a socks or http inbound. */
public record Account(String user, String pass) {
}
