package dev.vtool.engine.vmess.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.vmess.VmessException;
import dev.vtool.engine.vmess.VmessId;
import dev.vtool.engine.vmess.aead.AuthId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The AEAD lookup tries the most recently matched user first: the matched user moves to the front, the
 * others keep their relative order, adding appends, removing takes a user out of the order too, and of
 * two users sharing one id the first configured still answers.
 */
class UserValidatorOrderTest {
    private static final long NOW = 1_700_000_000L;
    private int random;

    private static VmessId id(int i) {
        return VmessId.parse(String.format("00000000-0000-4000-8000-%012x", i));
    }

    private byte[] authId(VmessId id) {
        random++;
        return AuthId.create(id.cmdKeyUnsafe(), NOW, new byte[] {(byte) random, (byte) (random >> 8), 7, 9});
    }

    private static UserValidator validator(int users) {
        UserValidator v = new UserValidator();
        for (int i = 1; i <= users; i++) {
            v.add(KeyedUser.of(id(i), 0, 0, "u" + i), NOW);
        }
        return v;
    }

    @Test
    void matchedUserMovesToTheFrontOthersKeepTheirOrder() throws VmessException {
        UserValidator v = validator(5);
        assertEquals(List.of("u1", "u2", "u3", "u4", "u5"), v.tryOrderEmails());
        assertEquals("u4", v.matchAead(authId(id(4)), NOW).user().email());
        assertEquals(List.of("u4", "u1", "u2", "u3", "u5"), v.tryOrderEmails());
        assertEquals("u5", v.matchAead(authId(id(5)), NOW).user().email());
        assertEquals("u4", v.matchAead(authId(id(4)), NOW).user().email());
        assertEquals(List.of("u4", "u5", "u1", "u2", "u3"), v.tryOrderEmails());
        assertNull(v.matchAead(authId(id(99)), NOW), "an unknown user matches nobody");
        assertEquals(List.of("u4", "u5", "u1", "u2", "u3"), v.tryOrderEmails(), "a miss moves nobody");
    }

    @Test
    void addAndRemoveAtRunTimeKeepTheOrderAndTheLookupRight() throws VmessException {
        UserValidator v = validator(3);
        v.matchAead(authId(id(3)), NOW);
        v.add(KeyedUser.of(id(4), 0, 0, "u4"), NOW);
        assertEquals(List.of("u3", "u1", "u2", "u4"), v.tryOrderEmails());
        assertTrue(v.remove("U3"), "emails compare case-insensitively");
        assertEquals(List.of("u1", "u2", "u4"), v.tryOrderEmails());
        assertNull(v.matchAead(authId(id(3)), NOW), "a removed user no longer matches");
        assertEquals("u4", v.matchAead(authId(id(4)), NOW).user().email());
        assertEquals(List.of("u4", "u1", "u2"), v.tryOrderEmails());
    }

    @Test
    void ofTwoUsersSharingAnIdTheFirstConfiguredAnswers() throws VmessException {
        UserValidator v = validator(3);
        v.add(KeyedUser.of(id(2), 0, 0, "second-with-id-2"), NOW);
        for (int k = 0; k < 3; k++) {
            v.matchAead(authId(id(3)), NOW);
            UserValidator.AeadMatch m = v.matchAead(authId(id(2)), NOW);
            assertNotNull(m);
            assertEquals("u2", m.user().email());
        }
    }

    @Test
    void manyUsersEachFoundAfterAnyOrderOfMatches() throws VmessException {
        UserValidator v = validator(300);
        java.util.Random pick = new java.util.Random(5);
        for (int k = 0; k < 600; k++) {
            int i = 1 + pick.nextInt(300);
            assertEquals("u" + i, v.matchAead(authId(id(i)), NOW).user().email());
        }
        assertEquals(300, v.tryOrderEmails().size());
        assertEquals(300, v.tryOrderEmails().stream().distinct().count());
    }
}
