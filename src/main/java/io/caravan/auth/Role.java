package io.caravan.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * What a caller may do (docs/http-api.md#authentication): a {@code reader} asks, searches and lists the documents
 * it may see; an {@code editor} also uploads and deletes them; an {@code admin} sees and manages everything.
 * Each role includes the ones before it.
 */
public enum Role {
    READER, EDITOR, ADMIN;

    /** Whether this role may do what {@code needed} may. */
    public boolean includes(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** The role named {@code name} (any case). @throws IllegalArgumentException naming the roles there are */
    @JsonCreator
    public static Role of(String name) {
        if (name != null) {
            for (Role role : values()) {
                if (role.label().equals(name.strip().toLowerCase(Locale.ROOT))) {
                    return role;
                }
            }
        }
        throw new IllegalArgumentException("unknown role \"" + name + "\": use reader, editor or admin");
    }

    /** The lower-case name used in key files, tokens and logs. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
