package dev.vtool.schema.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A routing rule's {@code attrs}: 4.34 evaluates it as a Starlark expression over the attributes its HTTP
 * inbound records for a plain (non-CONNECT) request ({@code :method}, {@code :path} and each header,
 * lower-cased). vtool evaluates the part of Starlark such rules are written in — string literals,
 * {@code attrs[KEY]}, {@code attrs.get(KEY[, DEFAULT])}, {@code ==}, {@code !=}, {@code in},
 * {@code not in}, {@code and}, {@code or}, {@code not}, parentheses, {@code True}/{@code False} and the
 * string methods {@code startswith}, {@code endswith}, {@code lower}, {@code upper}, {@code strip} — and
 * refuses anything else by name ({@link Unsupported}). As in Starlark, a run-time error (a missing key in
 * {@code attrs[...]}) makes the rule not match.
 */
public final class AttrExpression {
    /** A construct outside the subset vtool evaluates. */
    public static final class Unsupported extends Exception {
        Unsupported(String message) {
            super(message);
        }
    }

    /** Text that is not a Starlark expression; the message mimics 4.34's ({@code attr.star:1:COL: ...}). */
    public static final class SyntaxError extends Exception {
        SyntaxError(String message) {
            super(message);
        }
    }

    private interface Node {
        Object eval(Map<String, String> attrs) throws EvalError;
    }

    private static final class EvalError extends Exception {
        EvalError(String message) {
            super(message, null, false, false);
        }
    }

    /** The {@code attrs} dict itself, as a value. */
    private static final Object DICT = new Object();

    private final String text;
    private final Node root;

    private AttrExpression(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    public static AttrExpression parse(String text) throws SyntaxError, Unsupported {
        Parser p = new Parser(text);
        Node n = p.expression();
        p.expectEnd();
        return new AttrExpression(text, n);
    }

    public String text() {
        return text;
    }

    /** Whether the attributes satisfy the expression; null attributes (no HTTP request) never do. */
    public boolean matches(Map<String, String> attrs) {
        if (attrs == null) {
            return false;
        }
        try {
            return truth(root.eval(attrs));
        } catch (EvalError e) {
            return false;
        }
    }

    private static boolean truth(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        return v != null;
    }

    private static String str(Object v, String what) throws EvalError {
        if (v instanceof String s) {
            return s;
        }
        throw new EvalError(what + " needs a string");
    }

    // ---- tokens and parser ----

    private record Token(String kind, String text, int at) {
    }

    private static final class Parser {
        private final String src;
        private final List<Token> tokens = new ArrayList<>();
        private int pos;

        Parser(String src) throws SyntaxError, Unsupported {
            this.src = src;
            lex();
        }

        private SyntaxError syntax(int at, String what) {
            // 4.34 parses "satisfied=(" + code + ")": columns are shifted by those 11 characters
            return new SyntaxError("attr.star:1:" + (at + 12) + ": " + what);
        }

        private void lex() throws SyntaxError, Unsupported {
            int i = 0;
            while (i < src.length()) {
                char c = src.charAt(i);
                if (c == ' ' || c == '\t') {
                    i++;
                } else if (c == '\'' || c == '"') {
                    StringBuilder sb = new StringBuilder();
                    int j = i + 1;
                    while (j < src.length() && src.charAt(j) != c) {
                        char d = src.charAt(j);
                        if (d == '\\' && j + 1 < src.length()) {
                            char e = src.charAt(j + 1);
                            switch (e) {
                                case 'n' -> sb.append('\n');
                                case 't' -> sb.append('\t');
                                case '\\', '\'', '"' -> sb.append(e);
                                default -> throw new Unsupported("the escape \\" + e + " in a string literal");
                            }
                            j += 2;
                        } else {
                            sb.append(d);
                            j++;
                        }
                    }
                    if (j >= src.length()) {
                        throw syntax(i, "unexpected EOF in string");
                    }
                    tokens.add(new Token("str", sb.toString(), i));
                    i = j + 1;
                } else if (Character.isLetter(c) || c == '_') {
                    int j = i;
                    while (j < src.length() && (Character.isLetterOrDigit(src.charAt(j)) || src.charAt(j) == '_')) {
                        j++;
                    }
                    tokens.add(new Token("name", src.substring(i, j), i));
                    i = j;
                } else if (src.startsWith("==", i) || src.startsWith("!=", i)) {
                    tokens.add(new Token("op", src.substring(i, i + 2), i));
                    i += 2;
                } else if ("()[],.".indexOf(c) >= 0) {
                    tokens.add(new Token("op", String.valueOf(c), i));
                    i++;
                } else if ("{}:".indexOf(c) >= 0) {
                    throw new Unsupported("\"" + c + "\" (dict literals and slices)");
                } else if (Character.isDigit(c) || "<>+-*/%|&^~=".indexOf(c) >= 0) {
                    throw new Unsupported("\"" + c + "\" (numbers, arithmetic and ordering comparisons)");
                } else {
                    throw syntax(i, "invalid character " + c);
                }
            }
        }

        private Token peek() {
            return pos < tokens.size() ? tokens.get(pos) : null;
        }

        private boolean at(String text) {
            Token t = peek();
            return t != null && !t.kind().equals("str") && t.text().equals(text);
        }

        private Token next(String what) throws SyntaxError {
            Token t = peek();
            if (t == null) {
                // 4.34's parser sees the closing ")" of its wrapper here, then the end of the file
                throw new SyntaxError("attr.star:1:" + (src.length() + 13) + ": "
                        + (what.equals("')'") ? "got end of file, want ')'" : "got ')', want " + what));
            }
            pos++;
            return t;
        }

        private void expect(String text) throws SyntaxError {
            Token t = next("'" + text + "'");
            if (t.kind().equals("str") || !t.text().equals(text)) {
                throw syntax(t.at(), "got " + t.text() + ", want '" + text + "'");
            }
        }

        void expectEnd() throws SyntaxError {
            Token t = peek();
            if (t != null) {
                throw syntax(t.at(), "got " + t.text() + ", want ')'");
            }
        }

        Node expression() throws SyntaxError, Unsupported {
            Node left = and();
            while (at("or")) {
                pos++;
                Node l = left;
                Node r = and();
                left = a -> truth(l.eval(a)) || truth(r.eval(a));
            }
            if (at("if") || at("for") || at("lambda")) {
                throw new Unsupported("\"" + peek().text() + "\" expressions");
            }
            return left;
        }

        private Node and() throws SyntaxError, Unsupported {
            Node left = not();
            while (at("and")) {
                pos++;
                Node l = left;
                Node r = not();
                left = a -> truth(l.eval(a)) && truth(r.eval(a));
            }
            return left;
        }

        private Node not() throws SyntaxError, Unsupported {
            if (at("not")) {
                pos++;
                Node n = not();
                return a -> !truth(n.eval(a));
            }
            return comparison();
        }

        private Node comparison() throws SyntaxError, Unsupported {
            Node left = postfix();
            if (at("==") || at("!=")) {
                boolean eq = next("").text().equals("==");
                Node right = postfix();
                return a -> java.util.Objects.equals(left.eval(a), right.eval(a)) == eq;
            }
            boolean negate = false;
            if (at("not") && pos + 1 < tokens.size() && tokens.get(pos + 1).text().equals("in")
                    && !tokens.get(pos + 1).kind().equals("str")) {
                pos++;
                negate = true;
            }
            if (at("in")) {
                pos++;
                Node right = postfix();
                boolean neg = negate;
                return a -> {
                    Object container = right.eval(a);
                    String needle = str(left.eval(a), "'in'");
                    boolean found;
                    if (container == DICT) {
                        found = a.containsKey(needle);
                    } else {
                        found = str(container, "'in'").contains(needle);
                    }
                    return found != neg;
                };
            }
            return left;
        }

        private Node postfix() throws SyntaxError, Unsupported {
            Node n = primary();
            while (at(".") || at("[")) {
                if (at("[")) {
                    int where = peek().at();
                    pos++;
                    Node key = expression();
                    expect("]");
                    Node target = n;
                    n = a -> {
                        Object t = target.eval(a);
                        if (t != DICT) {
                            throw new EvalError("indexing a string");
                        }
                        String k = str(key.eval(a), "attrs[...]");
                        String v = a.get(k);
                        if (v == null) {
                            throw new EvalError("key \"" + k + "\" not in dict (at " + where + ")");
                        }
                        return v;
                    };
                    continue;
                }
                pos++;
                Token method = next("a method name");
                List<Node> args = new ArrayList<>();
                expect("(");
                while (!at(")")) {
                    args.add(expression());
                    if (!at(")")) {
                        expect(",");
                    }
                }
                expect(")");
                n = method(n, method.text(), args);
            }
            return n;
        }

        private Node method(Node target, String name, List<Node> args) throws Unsupported {
            switch (name) {
                case "get" -> {
                    if (args.isEmpty() || args.size() > 2) {
                        throw new Unsupported("attrs.get with " + args.size() + " arguments");
                    }
                    return a -> {
                        if (target.eval(a) != DICT) {
                            throw new EvalError("string has no .get");
                        }
                        String v = a.get(str(args.get(0).eval(a), "get"));
                        return v != null ? v : args.size() == 2 ? args.get(1).eval(a) : null;
                    };
                }
                case "startswith", "endswith" -> {
                    if (args.size() != 1) {
                        throw new Unsupported("." + name + " with " + args.size() + " arguments");
                    }
                    boolean start = name.equals("startswith");
                    return a -> {
                        String s = str(target.eval(a), name);
                        String x = str(args.get(0).eval(a), name);
                        return start ? s.startsWith(x) : s.endsWith(x);
                    };
                }
                case "lower", "upper", "strip" -> {
                    if (!args.isEmpty()) {
                        throw new Unsupported("." + name + " with arguments");
                    }
                    return a -> {
                        String s = str(target.eval(a), name);
                        return switch (name) {
                            case "lower" -> s.toLowerCase(java.util.Locale.ROOT);
                            case "upper" -> s.toUpperCase(java.util.Locale.ROOT);
                            default -> s.strip();
                        };
                    };
                }
                default -> throw new Unsupported("the method ." + name + "()");
            }
        }

        private Node primary() throws SyntaxError, Unsupported {
            Token t = next("primary expression");
            if (t.kind().equals("str")) {
                String v = t.text();
                return a -> v;
            }
            switch (t.text()) {
                case "(" -> {
                    Node n = expression();
                    expect(")");
                    return n;
                }
                case "attrs" -> {
                    return a -> DICT;
                }
                case "[" -> throw new Unsupported("list literals");
                case "True" -> {
                    return a -> Boolean.TRUE;
                }
                case "False" -> {
                    return a -> Boolean.FALSE;
                }
                case "None" -> {
                    return a -> null;
                }
                default -> {
                    if (t.kind().equals("name")) {
                        throw new Unsupported("the name \"" + t.text() + "\" (only attrs, True, False and None)");
                    }
                    throw syntax(t.at(), "got " + t.text() + ", want primary expression");
                }
            }
        }
    }
}
