package dev.layerbench.union;

import dev.layerbench.fs.AtomicFile;
import dev.layerbench.oci.EntryKind;
import dev.layerbench.oci.LayerPaths;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A stack's merged tree written once to a file and read back memory-mapped, so that opening a stack and looking up
 * its first path costs a binary search, not a merge of every layer's directories (the idea composefs applies with an
 * EROFS metadata image). Entries are sorted by (parent, name), so a directory's children are contiguous.
 *
 * <p>Format (big-endian): magic {@code LBIDX001}; layer count and each layer's path (int length, UTF-8); entry count;
 * one int offset per entry; then the entries, each: key length (short), key ({@code parent \0 name}, UTF-8), kind
 * (byte), mode (int), size (long), layer (int).
 */
public final class StackIndex implements UnionView {

    private static final byte[] MAGIC = "LBIDX001".getBytes(StandardCharsets.US_ASCII);
    private static final EntryKind[] KINDS = EntryKind.values();

    private final List<Path> layers;
    private final ByteBuffer data;
    private final int count;
    private final int offsetsAt;

    private StackIndex(List<Path> layers, ByteBuffer data, int count, int offsetsAt) {
        this.layers = layers;
        this.data = data;
        this.count = count;
        this.offsetsAt = offsetsAt;
    }

    /** Writes the merged tree of {@code stack} to {@code file} atomically (temp beside it, rename; no fsync: a cache). */
    public static void write(LayerStack stack, Path file) throws IOException {
        UnionView view = stack.view(Lookup.INDEXED);
        List<byte[]> records = new ArrayList<>();
        collect(view, "", records);
        records.sort((a, b) -> Arrays.compareUnsigned(a, 2, 2 + keyLength(a), b, 2, 2 + keyLength(b)));
        AtomicFile.write(file, AtomicFile.Durability.ATOMIC_ONLY, out -> {
            ByteBuffer head = ByteBuffer.allocate(64 * 1024 + stack.depth() * 256);
            head.put(MAGIC).putInt(stack.depth());
            for (Path l : stack.layers()) {
                byte[] p = l.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8);
                head.putInt(p.length).put(p);
            }
            head.putInt(records.size());
            out.write(head.array(), 0, head.position());
            int offset = head.position() + 4 * records.size();
            ByteBuffer offsets = ByteBuffer.allocate(4 * records.size());
            for (byte[] r : records) {
                offsets.putInt(offset);
                offset += r.length;
            }
            out.write(offsets.array());
            for (byte[] r : records) {
                out.write(r);
            }
        });
    }

    private static int keyLength(byte[] record) {
        return ((record[0] & 0xff) << 8) | (record[1] & 0xff);
    }

    private static void collect(UnionView view, String dir, List<byte[]> records) {
        for (String name : view.list(dir)) {
            String p = LayerPaths.join(dir, name);
            Node n = view.lookup(p).orElseThrow();
            byte[] key = (dir + "\0" + name).getBytes(StandardCharsets.UTF_8);
            if (key.length > Short.MAX_VALUE) {
                throw new IllegalArgumentException(p + ": path too long for the index");
            }
            ByteBuffer r = ByteBuffer.allocate(2 + key.length + 1 + 4 + 8 + 4);
            r.putShort((short) key.length)
                    .put(key)
                    .put((byte) n.kind().ordinal())
                    .putInt(n.mode())
                    .putLong(n.size())
                    .putInt(n.layer());
            records.add(r.array());
            if (n.isDirectory()) {
                collect(view, p, records);
            }
        }
    }

    /** Maps an index written for {@code stack}; fails when it was written for other layers. */
    public static StackIndex open(LayerStack stack, Path file) throws IOException {
        MappedByteBuffer data;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            data = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
        }
        byte[] magic = new byte[MAGIC.length];
        data.get(0, magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException(file + ": not a layerbench stack index");
        }
        int pos = MAGIC.length;
        int depth = data.getInt(pos);
        pos += 4;
        List<Path> layers = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            int len = data.getInt(pos);
            byte[] p = new byte[len];
            data.get(pos + 4, p);
            layers.add(Path.of(new String(p, StandardCharsets.UTF_8)));
            pos += 4 + len;
        }
        List<Path> expected =
                stack.layers().stream().map(l -> l.toAbsolutePath().normalize()).toList();
        if (!layers.equals(expected)) {
            throw new IOException(file + ": written for another stack of layers");
        }
        int count = data.getInt(pos);
        return new StackIndex(layers, data, count, pos + 4);
    }

    private int recordAt(int i) {
        return data.getInt(offsetsAt + 4 * i);
    }

    /** Compares the key of record {@code i} with {@code key}, as unsigned bytes. */
    private int compare(int i, byte[] key) {
        int at = recordAt(i);
        int len = data.getShort(at) & 0xffff;
        int start = at + 2;
        int n = Math.min(len, key.length);
        for (int k = 0; k < n; k++) {
            int c = Integer.compare(data.get(start + k) & 0xff, key[k] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(len, key.length);
    }

    /** The first record whose key is not below {@code key}. */
    private int lowerBound(byte[] key) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(mid, key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public Optional<Node> lookup(String path) {
        String p = LayerPaths.clean(path);
        if (p.isEmpty()) {
            return Optional.of(
                    new Node("", EntryKind.DIRECTORY, 0755, 0, layers.size() - 1, layers.get(layers.size() - 1)));
        }
        int slash = p.lastIndexOf('/');
        byte[] key = ((slash < 0 ? "" : p.substring(0, slash)) + "\0" + p.substring(slash + 1))
                .getBytes(StandardCharsets.UTF_8);
        int i = lowerBound(key);
        if (i >= count || compare(i, key) != 0) {
            return Optional.empty();
        }
        int at = recordAt(i) + 2 + key.length;
        EntryKind kind = KINDS[data.get(at)];
        int layer = data.getInt(at + 13);
        return Optional.of(new Node(
                p,
                kind,
                data.getInt(at + 1),
                data.getLong(at + 5),
                layer,
                layers.get(layer).resolve(p)));
    }

    @Override
    public List<String> list(String dir) {
        String d = LayerPaths.clean(dir);
        byte[] prefix = (d + "\0").getBytes(StandardCharsets.UTF_8);
        List<String> names = new ArrayList<>();
        for (int i = lowerBound(prefix); i < count; i++) {
            int at = recordAt(i);
            int len = data.getShort(at) & 0xffff;
            byte[] key = new byte[len];
            data.get(at + 2, key);
            if (len < prefix.length || !Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length)) {
                break;
            }
            names.add(new String(key, prefix.length, len - prefix.length, StandardCharsets.UTF_8));
        }
        return names;
    }

    @Override
    public int depth() {
        return layers.size();
    }

    /** Entries in the index. */
    public int size() {
        return count;
    }
}
