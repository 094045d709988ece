package dev.vtool.engine.vmess.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.vmess.VmessException;
import dev.vtool.engine.vmess.VmessId;
import dev.vtool.engine.vmess.aead.AuthId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Users added and removed at run time (the API's AlterInbound) at 10,000 users: after a random mix of
 * removals (emails in any case), re-additions and additions, exactly the present users are known, tried
 * and matched, in configuration order; shared emails go together; the email index agrees with
 * equalsIgnoreCase.
 */
class UserValidatorChurnTest {
    private static final long NOW = 1_700_000_000L;
    private static final int USERS = 10_000;

    private static VmessId id(int i) {
        return VmessId.parse(String.format("00000000-0000-4000-8000-%012x", i));
    }

    private static byte[] authId(int i, int salt) {
        return AuthId.create(id(i).cmdKeyUnsafe(), NOW, new byte[] {(byte) salt, (byte) (salt >> 8), (byte) (salt >> 16), 3});
    }

    @Test
    void tenThousandUsersChurnedKeepExactlyThePresentOnes() throws VmessException {
        UserValidator v = new UserValidator();
        List<Integer> present = new ArrayList<>();
        for (int i = 1; i <= USERS; i++) {
            v.add(KeyedUser.of(id(i), 0, 0, "user" + i + "@example.com"), NOW);
            present.add(i);
        }
        Random random = new Random(19);
        Set<Integer> removed = new HashSet<>();
        for (int k = 0; k < 3000; k++) {
            int i = present.remove(random.nextInt(present.size()));
            String email = "user" + i + "@example.com";
            assertTrue(v.remove(k % 2 == 0 ? email.toUpperCase(Locale.ROOT) : email), email);
            assertFalse(v.hasEmail(email), email);
            removed.add(i);
        }
        for (int k = 0; k < 500; k++) { // some come back, some are new
            int i = k % 2 == 0 ? removed.iterator().next() : USERS + 1 + k;
            removed.remove(i);
            v.add(KeyedUser.of(id(i), 0, 0, "user" + i + "@example.com"), NOW);
            present.add(i);
        }
        assertFalse(v.remove("nobody@example.com"));
        assertEquals(present.size(), v.users().size());
        assertEquals(present.size(), v.tryOrderEmails().size());
        assertEquals(new HashSet<>(v.tryOrderEmails()), new HashSet<>(present.stream().map(i -> "user" + i + "@example.com").toList()));
        List<String> configOrder = v.users().stream().map(KeyedUser::email).toList();
        // removals keep the others' relative order, additions append: exactly what the list "present" does
        assertEquals(present.stream().map(i -> "user" + i + "@example.com").toList(), configOrder);
        int salt = 0;
        for (int k = 0; k < 200; k++) {
            int i = present.get(random.nextInt(present.size()));
            UserValidator.AeadMatch m = v.matchAead(authId(i, ++salt), NOW);
            assertNotNull(m, "present user " + i);
            assertEquals("user" + i + "@example.com", m.user().email());
            assertTrue(v.hasEmail("USER" + i + "@EXAMPLE.COM"));
        }
        for (int i : removed.stream().limit(100).toList()) {
            assertNull(v.matchAead(authId(i, ++salt), NOW), "removed user " + i);
        }
    }

    @Test
    void usersSharingAnEmailAreRemovedTogetherAndConfigurationOrderStays() throws VmessException {
        UserValidator v = new UserValidator();
        v.add(KeyedUser.of(id(1), 0, 0, "a"), NOW);
        v.add(KeyedUser.of(id(2), 0, 0, "Shared"), NOW);
        v.add(KeyedUser.of(id(3), 0, 0, "b"), NOW);
        v.add(KeyedUser.of(id(4), 0, 0, "sHARED"), NOW);
        v.add(KeyedUser.of(id(5), 0, 0, ""), NOW);
        assertNotNull(v.matchAead(authId(3, 1), NOW));
        assertTrue(v.remove("shared"));
        assertEquals(List.of("a", "b", ""), v.users().stream().map(KeyedUser::email).toList());
        assertEquals(List.of("b", "a", ""), v.tryOrderEmails());
        assertNull(v.matchAead(authId(2, 2), NOW));
        assertNull(v.matchAead(authId(4, 3), NOW));
        assertFalse(v.remove("shared"));
    }

    @Test
    void emailKeyAgreesWithEqualsIgnoreCase() {
        String[] emails = {"a@x", "A@X", "straße", "STRASSE", "İstanbul", "istanbul", "ıstanbul", "Σίσυφος", "σίσυφοσ", "ǅ", "ǆ", "Ǆ"};
        for (String a : emails) {
            for (String b : emails) {
                assertEquals(a.equalsIgnoreCase(b), UserValidator.emailKey(a).equals(UserValidator.emailKey(b)), a + " vs " + b);
            }
        }
    }
}
