package dev.layerbench.parquet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/** Thrift's compact protocol, the writing half, for the structures of Parquet's footer and page headers. */
final class Thrift {

    static final int I32 = 5;
    static final int I64 = 6;
    static final int BINARY = 8;
    static final int LIST = 9;
    static final int STRUCT = 12;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Deque<Integer> lastIds = new ArrayDeque<>();
    private int lastId;

    void fieldI32(int id, int value) {
        header(id, I32);
        varint(zigzag(value));
    }

    void fieldI64(int id, long value) {
        header(id, I64);
        varint(zigzag(value));
    }

    void fieldString(int id, String value) {
        header(id, BINARY);
        binary(value);
    }

    /** A list field's header; the caller then writes {@code size} elements of {@code elementType}. */
    void fieldList(int id, int elementType, int size) {
        header(id, LIST);
        listHeader(elementType, size);
    }

    /** Starts a struct field; end it with {@link #endStruct()}. */
    void fieldStruct(int id) {
        header(id, STRUCT);
        beginStruct();
    }

    /** Starts a struct that is a list element (or the top level). */
    void beginStruct() {
        lastIds.push(lastId);
        lastId = 0;
    }

    void endStruct() {
        out.write(0);
        lastId = lastIds.pop();
    }

    void i32(int value) {
        varint(zigzag(value));
    }

    void binary(String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        varint(b.length);
        out.writeBytes(b);
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private void listHeader(int elementType, int size) {
        if (size < 15) {
            out.write(size << 4 | elementType);
        } else {
            out.write(0xF0 | elementType);
            varint(size);
        }
    }

    private void header(int id, int type) {
        int delta = id - lastId;
        if (delta > 0 && delta <= 15) {
            out.write(delta << 4 | type);
        } else {
            out.write(type);
            varint(zigzag(id));
        }
        lastId = id;
    }

    private static long zigzag(long n) {
        return (n << 1) ^ (n >> 63);
    }

    private void varint(long n) {
        while ((n & ~0x7FL) != 0) {
            out.write((int) (n & 0x7F) | 0x80);
            n >>>= 7;
        }
        out.write((int) n);
    }
}
