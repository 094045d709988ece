package dev.vtool.schema.format;

import dev.vtool.schema.format.JsoncLexer.Kind;
import dev.vtool.schema.format.JsoncLexer.Token;
import dev.vtool.schema.format.JsoncTree.Comment;
import dev.vtool.schema.format.JsoncTree.Container;
import dev.vtool.schema.format.JsoncTree.Document;
import dev.vtool.schema.format.JsoncTree.Item;
import dev.vtool.schema.format.JsoncTree.Scalar;
import dev.vtool.schema.format.JsoncTree.Value;
import java.util.ArrayList;
import java.util.List;

/** Builds a {@link JsoncTree.Document} from tokens, attaching each comment to its neighbour. */
final class JsoncParser {
    private final String text;
    private final List<Token> tokens;
    private int pos;

    private JsoncParser(String text) {
        this.text = text;
        this.tokens = JsoncLexer.tokens(text);
    }

    static Document parse(String text) {
        JsoncParser p = new JsoncParser(text);
        List<Comment> leading = p.comments();
        Value root = p.value();
        List<Comment> trailing = p.comments();
        p.expect(Kind.EOF, "end of file");
        return new Document(leading, root, trailing);
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        return tokens.get(pos++);
    }

    private Token expect(Kind kind, String what) {
        Token t = peek();
        if (t.kind() != kind) {
            throw new FormatException("expected " + what + " but found " + describe(t), text, t.offset());
        }
        return next();
    }

    private static String describe(Token t) {
        return t.kind() == Kind.EOF ? "the end of the file" : "'" + t.text() + "'";
    }

    private static Comment comment(Token t) {
        return new Comment(t.text(), t.kind() == Kind.BLOCK_COMMENT, t.newlinesBefore() >= 2);
    }

    /** All comments from here on, wherever they sit. */
    private List<Comment> comments() {
        List<Comment> out = new ArrayList<>();
        while (peek().isComment()) {
            out.add(comment(next()));
        }
        return out;
    }

    /** Comments that continue the current line. */
    private List<Comment> sameLineComments() {
        List<Comment> out = new ArrayList<>();
        while (peek().isComment() && peek().newlinesBefore() == 0) {
            out.add(comment(next()));
        }
        return out;
    }

    private Value value() {
        Token t = peek();
        return switch (t.kind()) {
            case LBRACE -> container(true);
            case LBRACKET -> container(false);
            case STRING, LITERAL -> new Scalar(next().text());
            default -> throw new FormatException("expected a value but found " + describe(t), text, t.offset());
        };
    }

    private Container container(boolean object) {
        next();
        Kind close = object ? Kind.RBRACE : Kind.RBRACKET;
        Container c = new Container(object);
        c.open.addAll(sameLineComments());
        List<Comment> carried = new ArrayList<>();
        while (true) {
            List<Comment> leading = new ArrayList<>(carried);
            carried.clear();
            leading.addAll(comments());
            if (peek().kind() == close) {
                c.dangling.addAll(leading);
                next();
                return c;
            }
            Item item = new Item();
            item.leading.addAll(leading);
            item.blankBefore = peek().newlinesBefore() >= 2;
            List<Comment> inner = new ArrayList<>();
            if (object) {
                item.rawKey = expect(Kind.STRING, "a key in quotes").text();
                inner.addAll(comments());
                expect(Kind.COLON, "':' after the key");
                inner.addAll(comments());
            }
            item.value = value();
            item.trailing.addAll(inner);
            item.trailing.addAll(sameLineComments());
            List<Comment> later = comments();
            c.items.add(item);
            if (peek().kind() == Kind.COMMA) {
                next();
                item.trailing.addAll(later);
                item.trailing.addAll(sameLineComments());
            } else if (peek().kind() == close) {
                carried.addAll(later);
            } else {
                throw new FormatException("expected ',' or '" + (object ? "}" : "]") + "' but found "
                        + describe(peek()), text, peek().offset());
            }
        }
    }
}
