package dev.layerbench.parquet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one flat Parquet file to a stream: rows are added one at a time, buffered per column and written as a row
 * group (one PLAIN, uncompressed data page per column) every {@link #ROW_GROUP_ROWS} rows; {@link #close()} writes the
 * last row group and the footer. Every column is {@code REQUIRED}. Not thread-safe. The stream is not closed.
 */
public final class ParquetWriter implements AutoCloseable {

    /** How data pages are compressed. */
    public enum Codec {
        /** Not compressed (the default): the simplest file, the fastest to write. */
        UNCOMPRESSED,
        /** GZIP (DEFLATE at its fastest level, from the JDK): what large corpora use, a few times smaller. */
        GZIP
    }

    /** Rows per row group: bounds the memory a group's buffers take. */
    public static final int ROW_GROUP_ROWS = 65_536;

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final int TYPE_INT32 = 1;
    private static final int TYPE_INT64 = 2;
    private static final int TYPE_DOUBLE = 5;
    private static final int TYPE_BYTE_ARRAY = 6;
    private static final int ENCODING_PLAIN = 0;
    private static final int ENCODING_RLE = 3;
    private static final int CONVERTED_UTF8 = 0;
    private static final int CODEC_UNCOMPRESSED = 0;
    private static final int CODEC_GZIP = 2;
    private static final int REQUIRED = 0;

    private record ChunkMeta(long offset, long size, long uncompressedSize, int values) {}

    private record Group(List<ChunkMeta> chunks, long rows, long bytes) {}

    private final List<Column> columns;
    private final OutputStream out;
    private final Codec codec;
    private final ByteArrayOutputStream[] buffers;
    private final List<Group> groups = new ArrayList<>();
    private long position;
    private int rows;
    private long totalRows;
    private boolean closed;

    public ParquetWriter(List<Column> columns, OutputStream out) throws IOException {
        this(columns, out, Codec.UNCOMPRESSED);
    }

    public ParquetWriter(List<Column> columns, OutputStream out, Codec codec) throws IOException {
        this.codec = codec;
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a Parquet table needs at least one column");
        }
        this.columns = List.copyOf(columns);
        this.out = out;
        this.buffers = new ByteArrayOutputStream[columns.size()];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = new ByteArrayOutputStream();
        }
        write(MAGIC);
    }

    /** Adds one row: an Integer, Long, Double or String per column, in column order (an int column takes an Integer). */
    public void row(Object... values) throws IOException {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(
                    "row of " + values.length + " values for " + columns.size() + " columns");
        }
        for (int i = 0; i < values.length; i++) {
            Column c = columns.get(i);
            Object v = values[i];
            ByteArrayOutputStream b = buffers[i];
            switch (c.type()) {
                case INT32 -> {
                    if (!(v instanceof Integer n)) {
                        throw new IllegalArgumentException(c.name() + ": expected an int, got " + v);
                    }
                    littleEndian(b, n, 4);
                }
                case INT64 -> {
                    if (!(v instanceof Long || v instanceof Integer)) {
                        throw new IllegalArgumentException(c.name() + ": expected a long, got " + v);
                    }
                    littleEndian(b, ((Number) v).longValue(), 8);
                }
                case DOUBLE -> {
                    if (!(v instanceof Double d)) {
                        throw new IllegalArgumentException(c.name() + ": expected a double, got " + v);
                    }
                    littleEndian(b, Double.doubleToRawLongBits(d), 8);
                }
                case STRING -> {
                    if (!(v instanceof String s)) {
                        throw new IllegalArgumentException(c.name() + ": expected a string, got " + v);
                    }
                    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                    littleEndian(b, bytes.length, 4);
                    b.writeBytes(bytes);
                }
            }
        }
        rows++;
        if (rows == ROW_GROUP_ROWS) {
            flushGroup();
        }
    }

    /** Writes the last row group and the footer. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (rows > 0) {
            flushGroup();
        }
        byte[] footer = footer();
        write(footer);
        ByteArrayOutputStream len = new ByteArrayOutputStream(4);
        littleEndian(len, footer.length, 4);
        write(len.toByteArray());
        write(MAGIC);
        out.flush();
    }

    private void flushGroup() throws IOException {
        List<ChunkMeta> chunks = new ArrayList<>();
        long bytes = 0;
        for (ByteArrayOutputStream b : buffers) {
            byte[] data = compress(b);
            Thrift h = new Thrift();
            h.beginStruct();
            h.fieldI32(1, 0); // DATA_PAGE
            h.fieldI32(2, b.size());
            h.fieldI32(3, data.length);
            h.fieldStruct(5);
            h.fieldI32(1, rows);
            h.fieldI32(2, ENCODING_PLAIN);
            h.fieldI32(3, ENCODING_RLE);
            h.fieldI32(4, ENCODING_RLE);
            h.endStruct();
            h.endStruct();
            byte[] header = h.bytes();
            long offset = position;
            write(header);
            write(data);
            long size = header.length + (long) data.length;
            chunks.add(new ChunkMeta(offset, size, header.length + (long) b.size(), rows));
            bytes += header.length + (long) b.size();
            b.reset();
        }
        groups.add(new Group(chunks, rows, bytes));
        totalRows += rows;
        rows = 0;
    }

    private byte[] footer() {
        Thrift t = new Thrift();
        t.beginStruct();
        t.fieldI32(1, 1);
        t.fieldList(2, Thrift.STRUCT, columns.size() + 1);
        t.beginStruct();
        t.fieldString(4, "schema");
        t.fieldI32(5, columns.size());
        t.endStruct();
        for (Column c : columns) {
            t.beginStruct();
            t.fieldI32(1, physical(c.type()));
            t.fieldI32(3, REQUIRED);
            t.fieldString(4, c.name());
            if (c.type() == Column.Type.STRING) {
                t.fieldI32(6, CONVERTED_UTF8);
                t.fieldStruct(10); // LogicalType union: STRING
                t.fieldStruct(1);
                t.endStruct();
                t.endStruct();
            }
            t.endStruct();
        }
        t.fieldI64(3, totalRows);
        t.fieldList(4, Thrift.STRUCT, groups.size());
        for (Group g : groups) {
            t.beginStruct();
            t.fieldList(1, Thrift.STRUCT, g.chunks().size());
            for (int i = 0; i < g.chunks().size(); i++) {
                ChunkMeta m = g.chunks().get(i);
                Column c = columns.get(i);
                t.beginStruct();
                t.fieldI64(2, m.offset());
                t.fieldStruct(3);
                t.fieldI32(1, physical(c.type()));
                t.fieldList(2, Thrift.I32, 2);
                t.i32(ENCODING_PLAIN);
                t.i32(ENCODING_RLE);
                t.fieldList(3, Thrift.BINARY, 1);
                t.binary(c.name());
                t.fieldI32(4, codec == Codec.GZIP ? CODEC_GZIP : CODEC_UNCOMPRESSED);
                t.fieldI64(5, m.values());
                t.fieldI64(6, m.uncompressedSize());
                t.fieldI64(7, m.size());
                t.fieldI64(9, m.offset());
                t.endStruct();
                t.endStruct();
            }
            t.fieldI64(2, g.bytes());
            t.fieldI64(3, g.rows());
            t.endStruct();
        }
        t.fieldString(6, "layerbench");
        t.endStruct();
        return t.bytes();
    }

    private static int physical(Column.Type type) {
        return switch (type) {
            case INT32 -> TYPE_INT32;
            case INT64 -> TYPE_INT64;
            case STRING -> TYPE_BYTE_ARRAY;
            case DOUBLE -> TYPE_DOUBLE;
        };
    }

    private byte[] compress(ByteArrayOutputStream b) throws IOException {
        if (codec == Codec.UNCOMPRESSED) {
            return b.toByteArray();
        }
        ByteArrayOutputStream z = new ByteArrayOutputStream(b.size() / 4 + 64);
        try (java.util.zip.GZIPOutputStream g = new java.util.zip.GZIPOutputStream(z, 1 << 16) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_SPEED);
            }
        }) {
            b.writeTo(g);
        }
        return z.toByteArray();
    }

    private void write(byte[] b) throws IOException {
        out.write(b);
        position += b.length;
    }

    private static void littleEndian(ByteArrayOutputStream b, long v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            b.write((int) (v >>> (8 * i)) & 0xFF);
        }
    }
}
