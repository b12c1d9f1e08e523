package dev.layerbench.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void parse_everyKindOfValue() throws Exception {
        Object v =
                JsonText.parse(" {\"a\": [1, -2, 3.5, 1e3, true, false, null, \"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\"],"
                        + " \"b\": {}, \"c\": [], \"a2\": 12345678901234567890}\n");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", Arrays.asList(1L, -2L, 3.5, 1000.0, true, false, null, "x\"\\/\b\f\n\r\té"));
        expected.put("b", Map.of());
        expected.put("c", List.of());
        expected.put("a2", 12345678901234567890.0);
        assertEquals(expected, v);
        assertEquals(
                List.of("a", "b", "c", "a2"),
                new ArrayList<>(JsonText.object(v, "doc").keySet()),
                "document order");
    }

    @Test
    void parse_repeatedNameKeepsTheLast() throws Exception {
        assertEquals(Map.of("a", 2L), JsonText.parse("{\"a\":1,\"a\":2}"));
    }

    @Test
    void parse_badDocuments_oneLineWithLineAndColumn() {
        for (String bad : List.of(
                "",
                "   ",
                "{",
                "{\"a\":1,}",
                "[1,]",
                "[1 2]",
                "{\"a\" 1}",
                "{a:1}",
                "\"abc",
                "tru",
                "01",
                "1.",
                "-",
                "1e",
                "[1]x",
                "{\"a\":1}}",
                "\"\\x\"",
                "\"\\u12\"",
                "\"a\tb\"",
                "{\"schemaVersion\": 2,\n \"manifests\": [ {\"mediaType\": 5 ")) {
            JsonText.Malformed e = assertThrows(JsonText.Malformed.class, () -> JsonText.parse(bad), bad);
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertTrue(e.getMessage().matches(".*\\(line \\d+, column \\d+\\)"), e.getMessage());
        }
        JsonText.Malformed e = assertThrows(JsonText.Malformed.class, () -> JsonText.parse("{\n  \"a\": tx}"));
        assertTrue(e.getMessage().endsWith("(line 2, column 8)"), e.getMessage());
    }

    @Test
    void parse_tooDeep_refused() {
        String deep = "[".repeat(600) + "]".repeat(600);
        assertThrows(JsonText.Malformed.class, () -> JsonText.parse(deep));
    }

    @Test
    void parse_agreesWithJacksonOnRandomDocuments() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            String doc = Json.MAPPER.writeValueAsString(randomValue(random, 0));
            JsonNode jackson = Json.MAPPER.readTree(doc);
            Object ours = JsonText.parse(doc);
            assertEquals(Json.MAPPER.writeValueAsString(jackson), Json.MAPPER.writeValueAsString(ours), doc);
        }
    }

    @Test
    void quote_sameTextAsJackson() throws Exception {
        Random random = new Random(11);
        for (int i = 0; i < 500; i++) {
            String s = randomString(random);
            assertEquals(
                    Json.MAPPER.writeValueAsString(s),
                    JsonText.quote(new StringBuilder(), s).toString());
            assertEquals(
                    s, JsonText.parse(JsonText.quote(new StringBuilder(), s).toString()));
        }
    }

    private static Object randomValue(Random r, int depth) {
        int kind = depth > 3 ? r.nextInt(4) : r.nextInt(6);
        return switch (kind) {
            case 0 -> randomString(r);
            case 1 -> r.nextBoolean() ? (Object) r.nextLong() : (Object) (long) r.nextInt(100);
            case 2 -> r.nextBoolean();
            case 3 -> r.nextInt(3) == 0 ? null : r.nextDouble() * 1e6;
            case 4 -> {
                List<Object> list = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    list.add(randomValue(r, depth + 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    map.put(randomString(r), randomValue(r, depth + 1));
                }
                yield map;
            }
        };
    }

    private static String randomString(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int i = r.nextInt(12); i > 0; i--) {
            int pick = r.nextInt(10);
            sb.append(
                    switch (pick) {
                        case 0 -> (char) r.nextInt(0x20);
                        case 1 -> '"';
                        case 2 -> '\\';
                        case 3 -> '/';
                        case 4 -> (char) (0x80 + r.nextInt(0x700));
                        case 5 -> "\uD83D\uDE00";
                        default -> (char) (0x20 + r.nextInt(0x5f));
                    });
        }
        return sb.toString();
    }
}
