package dev.vtool.schema.validation;

import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.keyword.AnnotationKeyword;
import com.networknt.schema.keyword.KeywordType;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.util.List;

/**
 * JSON Schema draft-07 as networknt 3.0.9 defines it ({@code Dialects.getDraft7()}), built the same way
 * but cheaper to start: without the {@code format} implementations (the V2Ray schema uses no
 * {@code format}; their static set-up costs ~30 ms of CPU) and with vtool's {@link ValueSetKeyword} for
 * enum/const. Registered under the draft-07 id, so the schema's {@code $schema} selects it.
 * {@code LeanDraft7Test} checks that the keyword set still equals networknt's draft-07.
 */
final class LeanDraft7 {
    static final String ID = "http://json-schema.org/draft-07/schema#";

    private LeanDraft7() {
    }

    static Dialect create() {
        return Dialect.builder(ID)
                .specificationVersion(SpecificationVersion.DRAFT_7)
                .idKeyword("$id")
                .keywords(KeywordType.getKeywords(SpecificationVersion.DRAFT_7))
                .keywords(List.of(
                        new NonValidationKeyword("$schema"), new NonValidationKeyword("$id"),
                        new AnnotationKeyword("title"), new AnnotationKeyword("description"),
                        new AnnotationKeyword("default"), new NonValidationKeyword("definitions"),
                        new NonValidationKeyword("$comment"), new AnnotationKeyword("examples"),
                        new NonValidationKeyword("then"), new NonValidationKeyword("else"),
                        new NonValidationKeyword("additionalItems")))
                .keyword(ValueSetKeyword.ENUM)
                .keyword(ValueSetKeyword.CONST)
                .build();
    }
}
