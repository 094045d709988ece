package dev.vtool.schema.diagnose;

/**
 * What the knowledge base says about one message text: the entry that recognised it (with its
 * captures), or routine, or unrecognised with its masked shape.
 */
record Verdict(KnowledgeBase.Match match, boolean routine, String shape) {

    static Verdict of(KnowledgeBase.Lookup kb, String text) {
        KnowledgeBase.Match match = kb.match(text);
        if (match != null) {
            return new Verdict(match, false, null);
        }
        if (kb.isRoutine(text)) {
            return new Verdict(null, true, null);
        }
        return new Verdict(null, false, MessageShape.of(text));
    }
}
