package dev.vtool.schema.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** vtool's start-up-friendly dialect must stay networknt's draft-07 in everything but enum/const/format. */
class LeanDraft7Test {
    @Test
    void hasExactlyTheDraft07Keywords() {
        Dialect lean = LeanDraft7.create();
        Dialect draft7 = Dialects.getDraft7();
        assertEquals(draft7.getId(), lean.getId());
        assertEquals(draft7.getSpecificationVersion(), lean.getSpecificationVersion());
        assertEquals(new TreeSet<>(draft7.getKeywords().keySet()), new TreeSet<>(lean.getKeywords().keySet()));
        assertSame(ValueSetKeyword.ENUM, lean.getKeywords().get("enum"));
        assertSame(ValueSetKeyword.CONST, lean.getKeywords().get("const"));
        for (String k : draft7.getKeywords().keySet()) {
            if (!k.equals("enum") && !k.equals("const")) {
                assertEquals(draft7.getKeywords().get(k).getClass(), lean.getKeywords().get(k).getClass(), k);
            }
        }
    }
}
