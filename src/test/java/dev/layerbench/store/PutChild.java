package dev.layerbench.store;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Random;

/**
 * A separate process for {@link BlobStoreTest}: {@code PutChild STORE SEED MEGABYTES SLOW} puts MEGABYTES of
 * seeded random content into STORE, sleeping between megabytes when SLOW is "slow" (so the test can kill it midway),
 * then prints the digest.
 */
public final class PutChild {

    public static void main(String[] args) throws Exception {
        BlobStore store = BlobStore.open(Path.of(args[0]));
        long seed = Long.parseLong(args[1]);
        int megabytes = Integer.parseInt(args[2]);
        boolean slow = args.length > 3 && args[3].equals("slow");
        Descriptor d = store.put(content(seed, megabytes, slow));
        System.out.println(d.digest());
    }

    static InputStream content(long seed, int megabytes, boolean slow) {
        return new InputStream() {
            final Random random = new Random(seed);
            final byte[] chunk = new byte[1 << 20];
            int chunks;
            int pos = chunk.length;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos == chunk.length) {
                    if (chunks == megabytes) {
                        return -1;
                    }
                    if (slow && chunks > 0) {
                        try {
                            Thread.sleep(200);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    random.nextBytes(chunk);
                    chunks++;
                    pos = 0;
                }
                int n = Math.min(len, chunk.length - pos);
                System.arraycopy(chunk, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }
}
