package dev.layerbench.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader and writer (RFC 8259) for the OCI documents a tool reads on its way to a first result:
 * {@code index.json}, manifests, configs, {@code oci-layout}, docker's {@code manifest.json}. It exists for start-up:
 * Jackson's first {@code ObjectMapper} loads about 600 classes (0.2-0.3 s of a 0.3 s tool run); this loads two.
 * {@link Json}'s mapper stays for everything else (reports, results, datasets).
 *
 * <p>A document reads as plain values: an object is a {@code Map<String, Object>} in document order (a repeated name
 * keeps its last value, as Jackson does), an array a {@code List<Object>}, a string a {@link String}, a number a
 * {@link Long} when it is an integer that fits and a {@link Double} otherwise, {@code true}/{@code false} a
 * {@link Boolean}, {@code null} a Java null. Bad input throws {@link Malformed}, one line with line and column.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8259">RFC 8259</a>
 */
public final class JsonText {

    /** A document that is not JSON, or not the JSON expected: one line, with where in the document when known. */
    public static final class Malformed extends Exception {
        public Malformed(String message) {
            super(message);
        }
    }

    private static final int MAX_DEPTH = 512;

    private final String text;
    private int pos;
    private int depth;

    private JsonText(String text) {
        this.text = text;
    }

    /** Reads a whole UTF-8 document: one value, nothing but white space after it. */
    public static Object parse(byte[] utf8) throws Malformed {
        return parse(new String(utf8, StandardCharsets.UTF_8));
    }

    /** Reads a whole document: one value, nothing but white space after it. */
    public static Object parse(String text) throws Malformed {
        JsonText p = new JsonText(text);
        p.skipSpace();
        if (p.pos == text.length()) {
            throw p.error("empty document");
        }
        Object value = p.value();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "' after the document's value");
        }
        return value;
    }

    private Object value() throws Malformed {
        if (pos >= text.length()) {
            throw error("unexpected end of document");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected '" + c + "'");
            }
        };
    }

    private Map<String, Object> object() throws Malformed {
        enter();
        pos++; // {
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            depth--;
            return map;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a field name in quotes");
            }
            String name = string();
            skipSpace();
            expect(':');
            skipSpace();
            map.put(name, value());
            skipSpace();
            char c = next("',' or '}' in an object");
            if (c == '}') {
                depth--;
                return map;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}' in an object, found '" + c + "'");
            }
        }
    }

    private List<Object> array() throws Malformed {
        enter();
        pos++; // [
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            depth--;
            return list;
        }
        while (true) {
            skipSpace();
            list.add(value());
            skipSpace();
            char c = next("',' or ']' in an array");
            if (c == ']') {
                depth--;
                return list;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']' in an array, found '" + c + "'");
            }
        }
    }

    private String string() throws Malformed {
        pos++; // "
        StringBuilder sb = null;
        int start = pos;
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String s = sb == null
                        ? text.substring(start, pos)
                        : sb.append(text, start, pos).toString();
                pos++;
                return s;
            }
            if (c < 0x20) {
                throw error("control character 0x" + Integer.toHexString(c) + " in a string");
            }
            if (c != '\\') {
                pos++;
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder();
            }
            sb.append(text, start, pos);
            pos++;
            char e = next("an escape");
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("unterminated \\u escape");
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(text.charAt(pos + i), 16);
                        if (d < 0) {
                            throw error("bad \\u escape");
                        }
                        code = code * 16 + d;
                    }
                    pos += 4;
                    sb.append((char) code);
                }
                default -> {
                    pos--;
                    throw error("bad escape '\\" + e + "'");
                }
            }
            start = pos;
        }
    }

    private Object number() throws Malformed {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                pos++;
            }
        } else {
            throw error("bad number");
        }
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!isDigit(peek())) {
                throw error("bad number: no digit after '.'");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("bad number: no digit in the exponent");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        String s = text.substring(start, pos);
        if (integral) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                // an integer beyond long: as a double, like any other large number
            }
        }
        return Double.parseDouble(s);
    }

    private Object literal(String word, Object value) throws Malformed {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected '" + text.charAt(pos) + "'");
        }
        pos += word.length();
        return value;
    }

    private void enter() throws Malformed {
        if (++depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next(String expected) throws Malformed {
        if (pos >= text.length()) {
            throw error("unexpected end of document, expected " + expected);
        }
        return text.charAt(pos++);
    }

    private void expect(char c) throws Malformed {
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private Malformed error(String what) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Malformed(what + " (line " + line + ", column " + column + ")");
    }

    // ---- reading values -------------------------------------------------------------------------------------

    /** An object's fields; {@code what} names it in the error when the value is not an object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value, String what) throws Malformed {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new Malformed(what + ": expected an object, found " + describe(value));
    }

    /** An array's elements, or empty for an absent ({@code null}) value. */
    @SuppressWarnings("unchecked")
    public static List<Object> arrayOrEmpty(Object value, String what) throws Malformed {
        if (value == null) {
            return Collections.emptyList();
        }
        if (value instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new Malformed(what + ": expected an array, found " + describe(value));
    }

    /** A string, or null for an absent ({@code null}) value. */
    public static String stringOrNull(Object value, String what) throws Malformed {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new Malformed(what + ": expected a string, found " + describe(value));
    }

    /** An integer, or {@code absent} for an absent ({@code null}) value. */
    public static long integer(Object value, long absent, String what) throws Malformed {
        if (value == null) {
            return absent;
        }
        if (value instanceof Long l) {
            return l;
        }
        throw new Malformed(what + ": expected an integer, found " + describe(value));
    }

    /** Name to string value, or empty for an absent ({@code null}) value. */
    public static Map<String, String> stringMap(Object value, String what) throws Malformed {
        if (value == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : object(value, what).entrySet()) {
            String s = stringOrNull(e.getValue(), what + "." + e.getKey());
            if (s != null) {
                out.put(e.getKey(), s);
            }
        }
        return out;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return "a number";
    }

    // ---- writing --------------------------------------------------------------------------------------------

    /** Appends {@code s} as a JSON string, escaped as Jackson escapes it (so written documents keep their bytes). */
    public static StringBuilder quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}
