-- layerbench sizing: the whole model of `size` (dev.layerbench.sizing.FleetSizer) in SQL, over an export made by
-- `size ... --export DIR` (Parquet; sql/README.md has the schema). Run from DIR:  duckdb < sizing.sql
-- The last statement returns one row per layout (layout, bytes, inodes, bytes_per_container), equal to
-- `size --format json`'s layouts[]; the statements before it return the checks (empty when the export is sound), the
-- images (SHARED, UNIQUE, WASTED), the dedup ratios and the copy-up.
-- Spark SQL: the same file after the substitutions sql/README.md lists (sql/spark.sed), one statement per
-- spark.sql(...) call.
-- Portable SQL only: no macros, no lists, no integer `/` (DuckDB's `/` is a real division: integer results come
-- from exact multiples or CAST(FLOOR(...))), no correlated subqueries.

-- ---------------------------------------------------------------------------------------------------------------
-- Inputs
CREATE TEMP VIEW params AS SELECT * FROM read_parquet('params.parquet');
CREATE TEMP VIEW images AS SELECT * FROM read_parquet('images.parquet');
CREATE TEMP VIEW summary_rows AS SELECT * FROM read_parquet('summaries/*/*.parquet');
CREATE TEMP VIEW chunk_rows AS SELECT * FROM read_parquet('chunks/*/*.parquet');

-- ---------------------------------------------------------------------------------------------------------------
-- Checks: one line naming the file and the column, never a silent zero.
-- duckdb-only: begin (every file has every column of the schema, with its type; Spark fails on a mismatch itself)
SELECT error(f.file_name || ': column ' || e.name || ' (' || e.type || ') is missing or of another type')
FROM (SELECT 'params.parquet' AS tab, file_name FROM parquet_schema('params.parquet')
      UNION SELECT 'images.parquet', file_name FROM parquet_schema('images.parquet')
      UNION SELECT 'summaries', file_name FROM parquet_schema('summaries/*/*.parquet')
      UNION SELECT 'chunks', file_name FROM parquet_schema('chunks/*/*.parquet')) f
JOIN (VALUES ('params.parquet', 'export_id', 'BYTE_ARRAY'), ('params.parquet', 'fs', 'BYTE_ARRAY'),
             ('params.parquet', 'modify_files', 'INT32'), ('params.parquet', 'modify_bytes', 'INT64'),
             ('params.parquet', 'add_files', 'INT32'), ('params.parquet', 'add_bytes', 'INT64'),
             ('params.parquet', 'delete_files', 'INT32'), ('params.parquet', 'page_size', 'INT64'),
             ('params.parquet', 'read_fraction', 'DOUBLE'),
             ('images.parquet', 'export_id', 'BYTE_ARRAY'), ('images.parquet', 'image_index', 'INT32'),
             ('images.parquet', 'ref', 'BYTE_ARRAY'), ('images.parquet', 'containers', 'INT64'),
             ('images.parquet', 'layer_index', 'INT32'), ('images.parquet', 'diff_id', 'BYTE_ARRAY'),
             ('images.parquet', 'entries', 'INT64'), ('images.parquet', 'chunks', 'INT64'),
             ('summaries', 'diff_id', 'BYTE_ARRAY'), ('summaries', 'ordinal', 'INT32'), ('summaries', 'path', 'BYTE_ARRAY'),
             ('summaries', 'kind', 'BYTE_ARRAY'), ('summaries', 'size', 'INT64'), ('summaries', 'sha256', 'BYTE_ARRAY'),
             ('summaries', 'link', 'BYTE_ARRAY'), ('summaries', 'mode', 'INT32'), ('summaries', 'uid', 'INT32'),
             ('summaries', 'gid', 'INT32'), ('summaries', 'xattrs', 'INT32'), ('summaries', 'xattr_bytes', 'INT64'),
             ('chunks', 'diff_id', 'BYTE_ARRAY'), ('chunks', 'ordinal', 'INT32'), ('chunks', 'chunk_index', 'INT32'),
             ('chunks', 'chunk_id', 'INT64'), ('chunks', 'length', 'INT32')) AS e(tab, name, type) ON e.tab = f.tab
LEFT JOIN (SELECT file_name, name, type FROM parquet_schema('params.parquet')
           UNION ALL SELECT file_name, name, type FROM parquet_schema('images.parquet')
           UNION ALL SELECT file_name, name, type FROM parquet_schema('summaries/*/*.parquet')
           UNION ALL SELECT file_name, name, type FROM parquet_schema('chunks/*/*.parquet')) s
       ON s.file_name = f.file_name AND s.name = e.name AND s.type = e.type
WHERE s.name IS NULL;
-- duckdb-only: end
SELECT error('params.parquet: expected one row, found ' || CAST(n AS STRING))
FROM (SELECT count(*) AS n FROM params) t WHERE n <> 1;

SELECT error('params.parquet: column fs: unknown filesystem "' || fs || '" (ext4, xfs or btrfs)')
FROM params WHERE fs NOT IN ('ext4', 'xfs', 'btrfs');

SELECT error('params.parquet: column read_fraction: ' || CAST(read_fraction AS STRING)
             || ' is neither a fraction from 0 to 1 nor -1 (no memory asked)')
FROM params WHERE NOT ((read_fraction >= 0 AND read_fraction <= 1) OR read_fraction = -1);

SELECT error('params.parquet: column page_size: ' || CAST(page_size AS STRING) || ' is not a power of two >= 512')
FROM params WHERE page_size < 512 OR page_size > 1073741824
   OR page_size NOT IN (512, 1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072, 262144, 524288, 1048576, 2097152,
                        4194304, 8388608, 16777216, 33554432, 67108864, 134217728, 268435456, 536870912, 1073741824);

SELECT error('images.parquet: column export_id: ' || i.export_id || ' is not the export_id of params.parquet, ' || p.export_id
             || ': files of two exports are mixed')
FROM (SELECT DISTINCT export_id FROM images) i, params p WHERE i.export_id <> p.export_id;

SELECT error('images.parquet: column diff_id: layer ' || i.diff_id || ' has ' || CAST(coalesce(s.n, 0) AS STRING)
             || ' rows in summaries/*/*.parquet, images.parquet column entries says ' || CAST(i.entries AS STRING)
             || CASE WHEN coalesce(s.n, 0) = 0 THEN ': its summary is missing' ELSE ': mixed or partial summaries' END)
FROM (SELECT DISTINCT diff_id, entries FROM images) i
LEFT JOIN (SELECT diff_id, count(*) AS n FROM summary_rows GROUP BY diff_id) s ON s.diff_id = i.diff_id
WHERE coalesce(s.n, 0) <> i.entries;

SELECT error('images.parquet: column diff_id: layer ' || i.diff_id || ' has ' || CAST(coalesce(s.n, 0) AS STRING)
             || ' rows in chunks/*/*.parquet, images.parquet column chunks says ' || CAST(i.chunks AS STRING))
FROM (SELECT DISTINCT diff_id, chunks FROM images) i
LEFT JOIN (SELECT diff_id, count(*) AS n FROM chunk_rows GROUP BY diff_id) s ON s.diff_id = i.diff_id
WHERE coalesce(s.n, 0) <> i.chunks;

SELECT error('summaries/' || replace(diff_id, ':', '/') || '.parquet: column kind: unknown kind "' || kind || '"')
FROM summary_rows WHERE kind NOT IN ('FILE', 'DIR', 'SYMLINK', 'HARDLINK', 'OTHER', 'WHITEOUT', 'OPAQUE');

SELECT error('summaries/' || replace(diff_id, ':', '/') || '.parquet: column size: ' || CAST(size AS STRING)
             || ' at ' || path || ' is negative')
FROM summary_rows WHERE size < 0;

SELECT error('summaries/' || replace(diff_id, ':', '/') || '.parquet: column xattr_bytes: ' || CAST(xattrs AS STRING)
             || ' xattrs of ' || CAST(xattr_bytes AS STRING) || ' bytes at ' || path)
FROM summary_rows WHERE xattrs < 0 OR xattr_bytes < 0 OR (xattrs = 0 AND xattr_bytes <> 0);

-- ---------------------------------------------------------------------------------------------------------------
-- The filesystem model (sizing.Filesystem), as columns: 4096-byte blocks.
CREATE TEMP TABLE p AS
SELECT fs, modify_files AS mf, modify_bytes AS mb, add_files AS af, add_bytes AS ab, delete_files AS df,
       page_size AS ps, read_fraction AS rf, CASE WHEN fs = 'ext4' THEN 0 ELSE 1 END AS reflinks
FROM params;

-- 0..9999, to walk a path's characters (its ancestors end before each '/')
CREATE TEMP TABLE digits AS SELECT * FROM (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) AS t(d);
CREATE TEMP TABLE nums AS
SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 1 AS i FROM digits a, digits b, digits c, digits e;

-- every entry of the fleet's layers, with what the filesystem allocates for it: fb a file's data, lb a symlink's
-- target, xb the block its xattrs take when they do not fit in the inode (Filesystem.xattrBytes)
CREATE TEMP TABLE le AS
SELECT e.diff_id, e.ordinal, e.path, e.kind, e.size, e.sha256, e.link, e.mode, e.uid, e.gid, e.xattrs, e.xattr_bytes,
       CASE WHEN e.xattrs = 0 THEN 0
            WHEN p.fs = 'ext4' AND 4 + 16 * e.xattrs + e.xattr_bytes + 4 <= 96 THEN 0
            WHEN p.fs = 'xfs' AND 4 + 3 * e.xattrs + e.xattr_bytes <= 296 THEN 0
            WHEN p.fs = 'btrfs' THEN 0
            ELSE 4096 END AS xb,
       e.size + 4095 - (e.size + 4095) % 4096
           + CASE WHEN p.fs = 'ext4' AND e.size > 536870912 THEN 4096 ELSE 0 END AS fb,
       CASE WHEN e.kind <> 'SYMLINK' THEN 0
            WHEN p.fs = 'ext4' AND strlen(e.link) < 60 THEN 0
            WHEN p.fs = 'xfs' AND strlen(e.link) <= 336 THEN 0
            ELSE 4096 END AS lb,
       regexp_extract(e.path, '^(.*)/[^/]*$', 1) AS parent,
       strlen(regexp_extract(e.path, '[^/]*$', 0)) AS name_bytes
FROM summary_rows e, p
WHERE e.diff_id IN (SELECT diff_id FROM images);

-- per layer: file content bytes (what docker reports as a layer's size)
CREATE TEMP TABLE layers AS
SELECT d.diff_id, coalesce(c.bytes, 0) AS content
FROM (SELECT DISTINCT diff_id FROM images) d
LEFT JOIN (SELECT diff_id, sum(size) AS bytes FROM le WHERE kind = 'FILE' GROUP BY diff_id) c ON c.diff_id = d.diff_id;

-- ---------------------------------------------------------------------------------------------------------------
-- Each image's root filesystem (sizing.ImageTree): layers stacked bottom first, whiteouts and opaque markers of a
-- layer remove from the layers below, then its entries are added in order; adding a non-directory over a directory
-- drops what was under it; directories a path needs are implied.
CREATE TEMP TABLE ie AS
SELECT i.image_index AS img, i.layer_index AS k, le.* FROM images i JOIN le ON le.diff_id = i.diff_id;

CREATE TEMP TABLE adds AS SELECT * FROM ie WHERE kind NOT IN ('WHITEOUT', 'OPAQUE') AND path <> '';

-- what removes: whiteouts (the path and under it), opaque markers (under it), a non-directory added (under it)
CREATE TEMP TABLE removers AS
SELECT img, k, ordinal, path, kind FROM ie WHERE kind IN ('WHITEOUT', 'OPAQUE')
UNION ALL
SELECT img, k, ordinal, path, 'REPLACE' AS kind FROM adds WHERE kind <> 'DIR';

-- each add with itself (self = 1) and each of its ancestors, the root '' included (self = 0)
CREATE TEMP TABLE add_scopes AS
SELECT img, k, ordinal, path, kind, size, path AS scope, 1 AS self FROM adds
UNION ALL
SELECT img, k, ordinal, path, kind, size, '' AS scope, 0 AS self FROM adds
UNION ALL
SELECT a.img, a.k, a.ordinal, a.path, a.kind, a.size, substr(a.path, 1, n.i - 1) AS scope, 0 AS self
FROM adds a JOIN nums n ON n.i < length(a.path) WHERE substr(a.path, n.i, 1) = '/';

-- the last add of each path
CREATE TEMP TABLE top_adds AS
SELECT * FROM (SELECT a.*, row_number() OVER (PARTITION BY img, path ORDER BY k DESC, ordinal DESC) AS rn FROM adds a) t
WHERE rn = 1;

CREATE TEMP TABLE removed AS
SELECT DISTINCT s.img, s.k, s.ordinal
FROM add_scopes s JOIN removers r ON r.img = s.img AND r.path = s.scope
WHERE (r.kind = 'WHITEOUT' AND r.k > s.k)
   OR (r.kind = 'OPAQUE' AND s.self = 0 AND r.k > s.k)
   OR (r.kind = 'REPLACE' AND s.self = 0 AND (r.k > s.k OR (r.k = s.k AND r.ordinal > s.ordinal)));

CREATE TEMP TABLE survivors AS
SELECT t.* FROM top_adds t LEFT JOIN removed x ON x.img = t.img AND x.k = t.k AND x.ordinal = t.ordinal
WHERE x.img IS NULL;

CREATE TEMP TABLE implied AS
SELECT DISTINCT s.img, substr(s.path, 1, n.i - 1) AS path
FROM survivors s JOIN nums n ON n.i < length(s.path) WHERE substr(s.path, n.i, 1) = '/';

-- the flattened tree: survivors (a survivor something lies under is a directory), implied directories, the root
CREATE TEMP TABLE tree AS
SELECT s.img, s.path, CASE WHEN d.path IS NULL THEN s.kind ELSE 'DIR' END AS kind, s.size, s.sha256, s.link, s.mode,
       s.uid, s.gid, s.diff_id, s.ordinal, s.fb, s.lb, CASE WHEN d.path IS NULL OR s.kind = 'DIR' THEN s.xb ELSE 0 END AS xb, s.parent,
       s.name_bytes, CASE WHEN d.path IS NULL OR s.kind = 'DIR' THEN s.xattrs ELSE 0 END AS xattrs,
       CASE WHEN d.path IS NULL OR s.kind = 'DIR' THEN s.xattr_bytes ELSE 0 END AS xattr_bytes
FROM survivors s LEFT JOIN implied d ON d.img = s.img AND d.path = s.path
UNION ALL
SELECT d.img, d.path, 'DIR', 0, '', '', 493, 0, 0, '', -1, 0, 0, 0, regexp_extract(d.path, '^(.*)/[^/]*$', 1),
       strlen(regexp_extract(d.path, '[^/]*$', 0)), 0, 0
FROM implied d LEFT JOIN survivors s ON s.img = d.img AND s.path = d.path
WHERE s.img IS NULL
UNION ALL
SELECT DISTINCT image_index, '', 'DIR', 0, '', '', 493, 0, 0, '', -1, 0, 0, 0, '', 0, 0, 0 FROM images;

-- ---------------------------------------------------------------------------------------------------------------
-- The workload's files (sizing.WorkloadPlan): regular files (a hard link as the file it names) sorted by size, then
-- path; k of n taken at ranks floor(i * n / k); the deleted ones likewise from those not modified.
CREATE TEMP TABLE candidates AS
SELECT img, path, size, fb FROM tree WHERE kind = 'FILE'
UNION ALL
SELECT h.img, h.path, t.size, t.fb FROM tree h JOIN tree t ON t.img = h.img AND t.path = h.link AND t.kind = 'FILE'
WHERE h.kind = 'HARDLINK';

CREATE TEMP TABLE mod_rank AS
SELECT c.img, c.path, c.size, c.fb,
       row_number() OVER (PARTITION BY c.img ORDER BY c.size, c.path) - 1 AS r,
       count(*) OVER (PARTITION BY c.img) AS n, p.mf AS want
FROM candidates c, p;

CREATE TEMP TABLE modified AS
SELECT img, path, size, fb FROM (
    SELECT t.*, CAST(FLOOR((r * m + n - 1) / n) AS BIGINT) AS i
    FROM (SELECT mod_rank.*, least(want, n) AS m FROM mod_rank) t) u
WHERE m > 0 AND i < m AND i * n < (r + 1) * m;

CREATE TEMP TABLE del_rank AS
SELECT c.img, c.path, c.size, c.fb,
       row_number() OVER (PARTITION BY c.img ORDER BY c.size, c.path) - 1 AS r,
       count(*) OVER (PARTITION BY c.img) AS n, p.df AS want
FROM candidates c LEFT JOIN modified m ON m.img = c.img AND m.path = c.path, p
WHERE m.img IS NULL;

CREATE TEMP TABLE deleted AS
SELECT img, path, size, fb FROM (
    SELECT t.*, CAST(FLOOR((r * m + n - 1) / n) AS BIGINT) AS i
    FROM (SELECT del_rank.*, least(want, n) AS m FROM del_rank) t) u
WHERE m > 0 AND i < m AND i * n < (r + 1) * m;

-- the directories an overlayfs upper layer holds: ancestors of what it writes, and the added files' directory
CREATE TEMP TABLE upper_dirs AS
SELECT DISTINCT w.img, substr(w.path, 1, n.i - 1) AS path
FROM (SELECT img, path FROM modified UNION ALL SELECT img, path FROM deleted) w
JOIN nums n ON n.i < length(w.path) WHERE substr(w.path, n.i, 1) = '/'
UNION
SELECT DISTINCT i.image_index, d.path
FROM images i, p, (VALUES ('var'), ('var/lib'), ('var/lib/layerbench-workload')) AS d(path)
WHERE p.af > 0;

-- the added files' directories the image lacks (any kind of entry at the path counts as there)
CREATE TEMP TABLE added_missing AS
SELECT i.img, d.path, d.parent, d.name_bytes
FROM (SELECT DISTINCT image_index AS img FROM images) i CROSS JOIN p
CROSS JOIN (VALUES ('var', '', 3), ('var/lib', 'var', 3), ('var/lib/layerbench-workload', 'var/lib', 19)) AS d(path, parent, name_bytes)
LEFT JOIN tree t ON t.img = i.img AND t.path = d.path
WHERE p.af > 0 AND t.img IS NULL;

-- name bytes of the added files file-0 .. file-(af-1): 5 each plus their digits
CREATE TEMP TABLE added_names AS
SELECT af, 5 * af + af + greatest(0, af - 10) + greatest(0, af - 100) + greatest(0, af - 1000)
       + greatest(0, af - 10000) + greatest(0, af - 100000) + greatest(0, af - 1000000)
       + greatest(0, af - 10000000) + greatest(0, af - 100000000) + greatest(0, af - 1000000000) AS name_bytes
FROM p;

-- ---------------------------------------------------------------------------------------------------------------
-- Directory sizes (Filesystem.dirBytes): names per directory, in every tree the model builds.
-- scope: layer (owner diff_id), image (owner image), upper (owner image), added (owner image), store, skeleton
CREATE TEMP TABLE layer_tree AS
SELECT * FROM (SELECT le.*, row_number() OVER (PARTITION BY diff_id, path ORDER BY ordinal DESC) AS rn
               FROM le WHERE kind <> 'OPAQUE' AND path <> '') t
WHERE rn = 1;

CREATE TEMP TABLE layer_implied AS
SELECT a.diff_id, a.path, regexp_extract(a.path, '^(.*)/[^/]*$', 1) AS parent,
       strlen(regexp_extract(a.path, '[^/]*$', 0)) AS name_bytes
FROM (SELECT DISTINCT t.diff_id, substr(t.path, 1, n.i - 1) AS path
      FROM layer_tree t JOIN nums n ON n.i < length(t.path) WHERE substr(t.path, n.i, 1) = '/') a
LEFT JOIN layer_tree t ON t.diff_id = a.diff_id AND t.path = a.path
WHERE t.diff_id IS NULL;

CREATE TEMP TABLE pool AS
SELECT sha256, mode, uid, gid, size, fb, img, path FROM (
    SELECT t.*, row_number() OVER (
        PARTITION BY t.sha256, CASE WHEN p.reflinks = 1 THEN 0 ELSE t.mode END,
                     CASE WHEN p.reflinks = 1 THEN 0 ELSE t.uid END, CASE WHEN p.reflinks = 1 THEN 0 ELSE t.gid END
        ORDER BY t.img, t.path) AS rn
    FROM tree t, p WHERE t.kind = 'FILE') u
WHERE rn = 1;

-- a pool file's name: sha256, or sha256-MODE(octal)-UID-GID without reflinks
CREATE TEMP TABLE pool_names AS
SELECT count(*) AS n,
       coalesce(sum(length(sha256) + CASE WHEN p.reflinks = 1 THEN 0 ELSE
           3 + length(CAST(uid AS STRING)) + length(CAST(gid AS STRING))
           + CASE WHEN mode < 8 THEN 1 WHEN mode < 64 THEN 2 WHEN mode < 512 THEN 3 WHEN mode < 4096 THEN 4
                  WHEN mode < 32768 THEN 5 WHEN mode < 262144 THEN 6 WHEN mode < 2097152 THEN 7
                  WHEN mode < 16777216 THEN 8 WHEN mode < 134217728 THEN 9 WHEN mode < 1073741824 THEN 10
                  ELSE 11 END END), 0) AS name_bytes,
       coalesce(sum(fb), 0) AS bytes
FROM pool CROSS JOIN p;

CREATE TEMP TABLE image_ids AS SELECT DISTINCT image_index AS img, ref, containers FROM images;

-- composefs-style's object store: each non-empty content once (its first size: images in order, paths in order)
CREATE TEMP TABLE objects AS
SELECT sha256, fb FROM (
    SELECT sha256, fb, row_number() OVER (PARTITION BY sha256 ORDER BY img, path) AS rn
    FROM tree WHERE kind = 'FILE' AND size > 0) t
WHERE rn = 1;

-- the upper layer's names: its directories, the files it modified or deleted, the added files (counted below)
CREATE TEMP TABLE upper_names AS
SELECT img, regexp_extract(path, '^(.*)/[^/]*$', 1) AS parent, strlen(regexp_extract(path, '[^/]*$', 0)) AS name_bytes
FROM (SELECT img, path FROM upper_dirs UNION ALL SELECT img, path FROM modified UNION ALL SELECT img, path FROM deleted) w;

CREATE TEMP TABLE tallies AS
SELECT 'layer' AS scope, diff_id AS owner, parent AS dir, count(*) AS n, sum(name_bytes) AS b
FROM (SELECT diff_id, parent, name_bytes FROM layer_tree
      UNION ALL SELECT diff_id, parent, name_bytes FROM layer_implied) t
GROUP BY diff_id, parent
UNION ALL
SELECT 'image', CAST(img AS STRING), parent, count(*), sum(name_bytes) FROM tree WHERE path <> '' GROUP BY img, parent
UNION ALL
SELECT 'upper', CAST(img AS STRING), dir, sum(n), sum(b) FROM (
    SELECT img, parent AS dir, 1 AS n, name_bytes AS b FROM upper_names
    UNION ALL
    SELECT DISTINCT i.image_index, 'var/lib/layerbench-workload', a.af, a.name_bytes
    FROM images i, added_names a WHERE a.af > 0) w
GROUP BY img, dir
UNION ALL
SELECT 'added', CAST(img AS STRING), dir, sum(n), sum(b) FROM (
    SELECT img, parent AS dir, 1 AS n, name_bytes AS b FROM added_missing
    UNION ALL
    SELECT DISTINCT i.image_index, 'var/lib/layerbench-workload', a.af, a.name_bytes
    FROM images i, added_names a WHERE a.af > 0) w
GROUP BY img, dir
UNION ALL
SELECT 'skeleton', '', 'base', 1, 6
UNION ALL
SELECT 'skeleton', '', 'base/layers', 1, 6
UNION ALL
SELECT 'skeleton', '', 'base/layers/sha256', 2 * count(*), 138 * count(*) FROM layers
UNION ALL
SELECT 'store', '', 'base', 1, 7
UNION ALL
SELECT 'store', '', 'base/content', 1, 6
UNION ALL
SELECT 'store', '', 'base/content/sha256', n, name_bytes FROM pool_names
UNION ALL
SELECT 'erofs-skeleton', '', 'base', 1, 6
UNION ALL
SELECT 'erofs-skeleton', '', 'base/layers', 1, 6
UNION ALL
-- <hex>.erofs, <hex>.whiteouts, <hex>.lock
SELECT 'erofs-skeleton', '', 'base/layers/sha256', 3 * count(*), 213 * count(*) FROM layers
UNION ALL
-- a kernel overlay mount's directories: the container's own (upper, work, merged), work/, work/work/
SELECT 'mount', '', 'container', 3, 15
UNION ALL
SELECT 'mount', '', 'work', 1, 4
UNION ALL
SELECT 'mount', '', 'work/work', 0, 0
UNION ALL
-- composefs-style: base/ holds objects/ and meta-<i>.erofs per image, base/objects/ a directory per first two digits
SELECT 'cfs', '', 'base', 1 + count(*), 7 + sum(11 + length(CAST(img AS STRING))) FROM image_ids
UNION ALL
SELECT 'cfs', '', 'base/objects', count(*), coalesce(sum(strlen(prefix)), 0)
FROM (SELECT DISTINCT substr(sha256, 1, 2) AS prefix FROM objects) o
UNION ALL
SELECT 'cfs', '', 'base/objects/' || substr(sha256, 1, 2), count(*), sum(strlen(sha256))
FROM objects GROUP BY substr(sha256, 1, 2);

-- Filesystem.dirBytes(entries n, name bytes b); a directory no name was recorded in is the empty one (n = b = 0)
CREATE TEMP TABLE dir_bytes AS
SELECT t.scope, t.owner, t.dir,
       CASE WHEN p.fs = 'ext4' THEN
                CASE WHEN 24 + 11 * t.n + t.b <= 4096 THEN 4096
                     ELSE 4096 + CAST(FLOOR(((24 + 11 * t.n + t.b) * 4 + 12287) / 12288) AS BIGINT) * 4096 END
            WHEN p.fs = 'xfs' THEN
                CASE WHEN 6 + 8 * t.n + t.b <= 336 THEN 0
                     WHEN 64 + (32 + 16 * t.n + t.b) + ((t.n + 2) * 8 + 8) <= 4096 THEN 4096
                     ELSE (CAST(FLOOR((32 + 16 * t.n + t.b + 4031) / 4032) AS BIGINT)
                           + CAST(FLOOR(((t.n + 2) * 8 + 8 + 4031) / 4032) AS BIGINT)
                           + CASE WHEN (t.n + 2) * 8 + 8 > 4032 THEN 1 ELSE 0 END) * 4096 END
            ELSE 0 END AS bytes
FROM (SELECT * FROM tallies UNION ALL SELECT 'empty', '', '', 0, 0) t, p;

CREATE TEMP TABLE empty_dir AS SELECT bytes FROM dir_bytes WHERE scope = 'empty';

-- ---------------------------------------------------------------------------------------------------------------
-- shared: per distinct layer its directory (entries, implied directories, whiteouts as devices) and a form file
CREATE TEMP TABLE layer_dirs AS
SELECT l.diff_id,
       coalesce(f.bytes, 0) + coalesce(r.bytes, e.bytes) + coalesce(dd.bytes, 0) + coalesce(di.bytes, 0) AS bytes,
       1 + coalesce(f.inodes, 0) + coalesce(di.n, 0) AS inodes
FROM layers l CROSS JOIN empty_dir e
LEFT JOIN (SELECT diff_id, sum(xb + CASE WHEN kind = 'FILE' THEN fb WHEN kind = 'SYMLINK' THEN lb ELSE 0 END) AS bytes,
                  sum(CASE WHEN kind IN ('HARDLINK', 'OPAQUE') THEN 0 ELSE 1 END) AS inodes
           FROM layer_tree GROUP BY diff_id) f ON f.diff_id = l.diff_id
LEFT JOIN (SELECT owner, bytes FROM dir_bytes WHERE scope = 'layer' AND dir = '') r ON r.owner = l.diff_id
LEFT JOIN (SELECT t.diff_id, sum(coalesce(d.bytes, e.bytes)) AS bytes
           FROM layer_tree t CROSS JOIN empty_dir e
           LEFT JOIN dir_bytes d ON d.scope = 'layer' AND d.owner = t.diff_id AND d.dir = t.path
           WHERE t.kind = 'DIR' GROUP BY t.diff_id) dd ON dd.diff_id = l.diff_id
LEFT JOIN (SELECT t.diff_id, sum(coalesce(d.bytes, e.bytes)) AS bytes, count(*) AS n
           FROM layer_implied t CROSS JOIN empty_dir e
           LEFT JOIN dir_bytes d ON d.scope = 'layer' AND d.owner = t.diff_id AND d.dir = t.path
           GROUP BY t.diff_id) di ON di.diff_id = l.diff_id;

CREATE TEMP TABLE shared_fixed AS
SELECT sum(l.bytes + 8 + 4095 - (8 + 4095) % 4096)
       + (SELECT sum(bytes) FROM dir_bytes WHERE scope = 'skeleton') AS bytes,
       3 + sum(l.inodes + 1) AS inodes
FROM layer_dirs l;

CREATE TEMP TABLE store_dirs AS SELECT sum(bytes) AS bytes FROM dir_bytes WHERE scope = 'store';

-- distinct chunks of the flattened images' files, each its first length (images in order, paths in order)
CREATE TEMP TABLE tree_chunks AS
SELECT coalesce(sum(length), 0) AS bytes, count(*) AS n FROM (
    SELECT c.length, row_number() OVER (PARTITION BY c.chunk_id ORDER BY t.img, t.path, c.chunk_index) AS rn
    FROM tree t JOIN chunk_rows c ON c.diff_id = t.diff_id AND c.ordinal = t.ordinal
    WHERE t.kind = 'FILE') u
WHERE rn = 1;

-- ---------------------------------------------------------------------------------------------------------------
-- Per image (one container of it): what each layout adds (FleetSizer.facts)
CREATE TEMP TABLE facts AS
SELECT i.img, i.ref, i.containers,
       coalesce(tb.dir_bytes, 0) + coalesce(tb.meta_bytes, 0) AS meta,
       coalesce(tb.meta_inodes, 0) AS meta_inodes,
       coalesce(tb.file_bytes, 0) AS file_bytes,
       coalesce(tb.files, 0) AS files,
       coalesce(m.n, 0) AS mods, coalesce(m.copied, 0) AS copied, coalesce(m.shared, 0) AS mod_shared,
       coalesce(m.flat_delta, 0) AS mod_flat, coalesce(m.reflink_delta, 0) AS mod_reflink,
       coalesce(m.dedup_delta, 0) AS mod_dedup,
       coalesce(d.n, 0) AS dels, coalesce(d.fb, 0) AS del_fb,
       coalesce(ud.n, 0) AS upper_dirs, coalesce(ud.bytes, 0) AS upper_dir_bytes,
       coalesce(ur.bytes, e.bytes) AS upper_root_bytes,
       coalesce(am.n, 0) AS added_missing, coalesce(am.bytes, 0) AS added_dir_bytes
FROM image_ids i CROSS JOIN empty_dir e
LEFT JOIN (
    SELECT t.img,
           sum(CASE WHEN t.kind = 'DIR' THEN coalesce(d.bytes, e.bytes) + t.xb ELSE 0 END) AS dir_bytes,
           sum(CASE WHEN t.kind = 'SYMLINK' THEN t.lb + t.xb WHEN t.kind = 'OTHER' THEN t.xb ELSE 0 END) AS meta_bytes,
           sum(CASE WHEN t.kind IN ('DIR', 'SYMLINK', 'OTHER') THEN 1 ELSE 0 END) AS meta_inodes,
           sum(CASE WHEN t.kind = 'FILE' THEN t.fb + t.xb ELSE 0 END) AS file_bytes,
           sum(CASE WHEN t.kind = 'FILE' THEN 1 ELSE 0 END) AS files
    FROM tree t CROSS JOIN empty_dir e
    LEFT JOIN dir_bytes d ON d.scope = 'image' AND d.owner = CAST(t.img AS STRING) AND d.dir = t.path AND t.kind = 'DIR'
    GROUP BY t.img) tb ON tb.img = i.img
LEFT JOIN (
    SELECT m.img, count(*) AS n, sum(m.size) AS copied,
           sum(a.after + a.cow) AS shared,
           sum(a.after - m.fb) AS flat_delta,
           sum(a.written_fb + a.cow) AS reflink_delta,
           sum(CASE WHEN p.reflinks = 1 THEN a.written_fb + a.cow ELSE a.after END) AS dedup_delta
    FROM modified m CROSS JOIN p
    JOIN (
        SELECT m2.img, m2.path,
               greatest(m2.size, p2.mb) + 4095 - (greatest(m2.size, p2.mb) + 4095) % 4096
                   + CASE WHEN p2.fs = 'ext4' AND greatest(m2.size, p2.mb) > 536870912 THEN 4096 ELSE 0 END AS after,
               CASE WHEN p2.fs = 'xfs' THEN least(m2.fb, 131072) ELSE 0 END AS cow,
               p2.mb + 4095 - (p2.mb + 4095) % 4096
                   + CASE WHEN p2.fs = 'ext4' AND p2.mb > 536870912 THEN 4096 ELSE 0 END AS written_fb
        FROM modified m2, p p2) a ON a.img = m.img AND a.path = m.path
    GROUP BY m.img) m ON m.img = i.img
LEFT JOIN (SELECT img, count(*) AS n, sum(fb) AS fb FROM deleted GROUP BY img) d ON d.img = i.img
LEFT JOIN (
    SELECT u.img, count(*) AS n, sum(coalesce(d.bytes, e.bytes)) AS bytes
    FROM upper_dirs u CROSS JOIN empty_dir e
    LEFT JOIN dir_bytes d ON d.scope = 'upper' AND d.owner = CAST(u.img AS STRING) AND d.dir = u.path
    GROUP BY u.img) ud ON ud.img = i.img
LEFT JOIN (SELECT owner, bytes FROM dir_bytes WHERE scope = 'upper' AND dir = '') ur ON ur.owner = CAST(i.img AS STRING)
LEFT JOIN (
    SELECT a.img, count(*) AS n, sum(coalesce(d.bytes, e.bytes)) AS bytes
    FROM added_missing a CROSS JOIN empty_dir e
    LEFT JOIN dir_bytes d ON d.scope = 'added' AND d.owner = CAST(a.img AS STRING) AND d.dir = a.path
    GROUP BY a.img) am ON am.img = i.img;

CREATE TEMP TABLE per_container AS
SELECT f.img, f.ref, f.containers, f.files, f.file_bytes, f.copied,
       f.mods * p.mb + p.af * p.ab AS written,
       -- shared: the upper directory
       f.mod_shared + f.upper_root_bytes + p.af * af.fb + f.upper_dir_bytes AS shared_bytes,
       1 + f.upper_dirs + f.mods + f.dels + p.af AS shared_inodes,
       -- flat: the flattened tree, modified in place, deleted files freed, added files
       f.meta + f.file_bytes + f.mod_flat - f.del_fb + p.af * af.fb + f.added_dir_bytes AS flat_bytes,
       f.meta + f.mod_reflink + p.af * af.fb + f.added_dir_bytes AS flat_reflink_bytes,
       f.meta_inodes + f.files - f.dels + p.af + f.added_missing AS flat_inodes,
       -- file-dedup: directories, symlinks and devices; files as links into the pool; private copies of modified files
       f.meta + f.mod_dedup + p.af * af.fb + f.added_dir_bytes AS dedup_bytes,
       f.meta_inodes + CASE WHEN p.reflinks = 1 THEN f.files - f.dels ELSE f.mods END + p.af + f.added_missing
           AS dedup_inodes,
       -- chunk-dedup: the metadata, the bytes written
       f.meta + f.mods * p.mb + f.added_dir_bytes + p.af * p.ab AS chunk_bytes
FROM facts f, p,
     (SELECT ab + 4095 - (ab + 4095) % 4096 + CASE WHEN fs = 'ext4' AND ab > 536870912 THEN 4096 ELSE 0 END AS fb
      FROM p) af;

-- distinct layer stacks: an image is the first of its stack when no earlier image has the same layers
CREATE TEMP TABLE image_layer_counts AS SELECT image_index AS img, count(*) AS nl FROM images GROUP BY image_index;

CREATE TEMP TABLE same_stack AS
SELECT a.image_index AS img, b.image_index AS other
FROM images a JOIN images b ON a.layer_index = b.layer_index AND a.diff_id = b.diff_id AND a.image_index <> b.image_index
JOIN image_layer_counts ca ON ca.img = a.image_index
JOIN image_layer_counts cb ON cb.img = b.image_index
WHERE ca.nl = cb.nl
GROUP BY a.image_index, b.image_index, ca.nl
HAVING count(*) = ca.nl;

CREATE TEMP TABLE stack_firsts AS
SELECT c.img FROM image_layer_counts c
LEFT JOIN (SELECT DISTINCT img FROM same_stack WHERE other < img) s ON s.img = c.img
WHERE s.img IS NULL;

-- ---------------------------------------------------------------------------------------------------------------
-- docker system df -v: a layer (by chain: the layers below and at it) is SHARED when another image has the same chain
CREATE TEMP TABLE shared_chain AS
SELECT DISTINCT img, k FROM (
    SELECT a.image_index AS img, a.layer_index AS k,
           count(*) OVER (PARTITION BY a.image_index, b.image_index ORDER BY a.layer_index
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS run
    FROM images a JOIN images b
         ON a.layer_index = b.layer_index AND a.diff_id = b.diff_id AND a.image_index <> b.image_index) t
WHERE run = k + 1;

-- dive's wasted bytes (sizing.WastedBytes): every appearance of a path that appears in two or more layers; a whiteout
-- appears with the file bytes under the path it removes, as the tree stood when it was applied
CREATE TEMP TABLE whiteouts AS SELECT img, k, ordinal, path FROM ie WHERE kind = 'WHITEOUT';

CREATE TEMP TABLE whiteout_files AS
SELECT w.img, w.k AS wk, w.ordinal AS wo, s.k, s.ordinal, s.path, s.size
FROM whiteouts w JOIN add_scopes s ON s.img = w.img AND s.scope = w.path AND s.self = 0 AND s.k < w.k
WHERE s.kind = 'FILE' AND w.path <> '';

CREATE TEMP TABLE whiteout_gone AS
SELECT f.img, f.wk, f.wo, f.k, f.ordinal
FROM whiteout_files f JOIN adds a ON a.img = f.img AND a.path = f.path
WHERE a.k < f.wk AND (a.k > f.k OR (a.k = f.k AND a.ordinal > f.ordinal))
UNION
SELECT f.img, f.wk, f.wo, f.k, f.ordinal
FROM whiteout_files f
JOIN add_scopes s ON s.img = f.img AND s.k = f.k AND s.ordinal = f.ordinal
JOIN removers r ON r.img = s.img AND r.path = s.scope
WHERE (r.kind = 'WHITEOUT' AND r.k > f.k AND (r.k < f.wk OR (r.k = f.wk AND r.ordinal < f.wo)))
   OR (r.kind = 'OPAQUE' AND s.self = 0 AND r.k > f.k AND (r.k < f.wk OR (r.k = f.wk AND r.ordinal < f.wo)))
   OR (r.kind = 'REPLACE' AND s.self = 0 AND r.k < f.wk AND (r.k > f.k OR (r.k = f.k AND r.ordinal > f.ordinal)));

CREATE TEMP TABLE appearances AS
SELECT img, path, CASE WHEN kind = 'FILE' THEN size ELSE 0 END AS bytes FROM adds
UNION ALL
SELECT w.img, w.path, coalesce(b.bytes, 0)
FROM whiteouts w
LEFT JOIN (SELECT f.img, f.wk, f.wo, sum(f.size) AS bytes
           FROM whiteout_files f
           LEFT JOIN whiteout_gone g ON g.img = f.img AND g.wk = f.wk AND g.wo = f.wo AND g.k = f.k
                                    AND g.ordinal = f.ordinal
           WHERE g.img IS NULL
           GROUP BY f.img, f.wk, f.wo) b ON b.img = w.img AND b.wk = w.k AND b.wo = w.ordinal;

CREATE TEMP TABLE wasted AS
SELECT img, sum(bytes) AS bytes FROM (
    SELECT img, path, sum(bytes) AS bytes FROM appearances GROUP BY img, path HAVING count(*) >= 2) t
GROUP BY img;

-- ---------------------------------------------------------------------------------------------------------------
-- Page cache (sizing.MemoryModel) when each container reads read_fraction of its image's file bytes, in whole pages:
-- shared one inode per (providing layer, path), flat one per container, file-dedup one per pool file (hard links) or
-- per container (reflinks); chunk-dedup not modelled. NULL when no memory was asked (read_fraction -1).
CREATE TEMP TABLE tree_pages AS
SELECT t.img, t.diff_id, t.path, t.sha256, t.mode, t.uid, t.gid, t.size + p.ps - 1 - (t.size + p.ps - 1) % p.ps AS pages
FROM tree t, p WHERE t.kind = 'FILE';

CREATE TEMP TABLE memory AS
SELECT CASE WHEN p.rf < 0 THEN NULL ELSE CAST(FLOOR(CAST(sh.pages AS DOUBLE) * p.rf + 0.5) AS BIGINT) END AS shared,
       CASE WHEN p.rf < 0 THEN NULL ELSE CAST(FLOOR(CAST(fl.pages AS DOUBLE) * p.rf + 0.5) AS BIGINT) END AS flat,
       CASE WHEN p.rf < 0 THEN NULL
            ELSE CAST(FLOOR(CAST(CASE WHEN p.reflinks = 1 THEN fl.pages ELSE po.pages END AS DOUBLE) * p.rf + 0.5) AS BIGINT)
            END AS dedup
FROM p,
     (SELECT coalesce(sum(pages), 0) AS pages FROM (
          SELECT pages, row_number() OVER (PARTITION BY diff_id, path ORDER BY img) AS rn FROM tree_pages) t
      WHERE rn = 1) sh,
     (SELECT coalesce(sum(i.containers * t.pages), 0) AS pages
      FROM image_ids i JOIN (SELECT img, sum(pages) AS pages FROM tree_pages GROUP BY img) t ON t.img = i.img) fl,
     (SELECT coalesce(sum(pages), 0) AS pages FROM (
          SELECT pages, row_number() OVER (PARTITION BY sha256, mode, uid, gid ORDER BY img, path) AS rn
          FROM tree_pages) t
      WHERE rn = 1) po;

-- ---------------------------------------------------------------------------------------------------------------
-- EROFS images (sizing.ErofsImageModel, Debian's mkfs.erofs 1.5, 4 KiB blocks): one per distinct layer (erofs, the layer
-- directory's tree plus its root entry and the directories only an opaque marker names, those marked with
-- trusted.overlay.opaque) and one per image of its flattened tree as composefs-style metadata (each non-empty file
-- chunk-based with its metacopy and redirect xattrs). A directory is its names, '.' and '..' included, 12 + name bytes
-- each in name order, none crossing a block.
CREATE TEMP TABLE layer_opaque AS SELECT DISTINCT diff_id, path FROM le WHERE kind = 'OPAQUE';

CREATE TEMP TABLE layer_marked AS
SELECT o.diff_id, o.path, regexp_extract(o.path, '^(.*)/[^/]*$', 1) AS parent,
       strlen(regexp_extract(o.path, '[^/]*$', 0)) AS name_bytes
FROM layer_opaque o
LEFT JOIN layer_tree t ON t.diff_id = o.diff_id AND t.path = o.path
LEFT JOIN layer_implied d ON d.diff_id = o.diff_id AND d.path = o.path
WHERE o.path <> '' AND t.diff_id IS NULL AND d.diff_id IS NULL;

CREATE TEMP TABLE erofs_tallies AS
SELECT scope, owner, dir, sum(n) AS n, sum(b) AS b FROM (
    SELECT scope, owner, dir, n, b FROM tallies WHERE scope IN ('layer', 'image')
    UNION ALL
    SELECT 'layer', diff_id, parent, 1, name_bytes FROM layer_marked) t
GROUP BY scope, owner, dir;

-- directories past one block need their names in order: numbered g, each name at offset c (before block rounding)
CREATE TEMP TABLE erofs_big AS
SELECT scope, owner, dir, row_number() OVER (ORDER BY scope, owner, dir) AS g
FROM erofs_tallies WHERE 12 * (n + 2) + b + 3 > 4096;

CREATE TEMP TABLE erofs_big_names AS
SELECT g.g, x.name, 12 + x.name_bytes AS len
FROM erofs_big g JOIN (
    SELECT 'layer' AS scope, diff_id AS owner, parent AS dir, regexp_extract(path, '[^/]*$', 0) AS name, name_bytes
    FROM layer_tree
    UNION ALL SELECT 'layer', diff_id, parent, regexp_extract(path, '[^/]*$', 0), name_bytes FROM layer_implied
    UNION ALL SELECT 'layer', diff_id, parent, regexp_extract(path, '[^/]*$', 0), name_bytes FROM layer_marked
    UNION ALL
    SELECT 'image', CAST(img AS STRING), parent, regexp_extract(path, '[^/]*$', 0), name_bytes FROM tree WHERE path <> ''
) x ON x.scope = g.scope AND x.owner = g.owner AND x.dir = g.dir
UNION ALL SELECT g, '.', 13 FROM erofs_big
UNION ALL SELECT g, '..', 14 FROM erofs_big;

CREATE TEMP TABLE erofs_offsets AS
SELECT g, row_number() OVER (PARTITION BY g ORDER BY name) - 1 AS i,
       sum(len) OVER (PARTITION BY g ORDER BY name ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - len AS c
FROM erofs_big_names;

CREATE TEMP TABLE erofs_ends AS SELECT g, count(*) AS n, sum(len) AS total FROM erofs_big_names GROUP BY g;

-- a block that starts at name i holds names i .. j-1: j the last offset (name n's is the total) at most c_i + 4096
CREATE TEMP TABLE erofs_jump0 AS
SELECT g, i, j FROM (
    SELECT g, i, t, max(CASE WHEN t = 0 THEN i END) OVER (PARTITION BY g ORDER BY v, t
                                                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS j
    FROM (SELECT g, i, c AS v, 0 AS t FROM erofs_offsets
          UNION ALL SELECT g, n, total, 0 FROM erofs_ends
          UNION ALL SELECT g, i, c + 4096, 1 FROM erofs_offsets) u) s
WHERE t = 1
UNION ALL
SELECT g, n, n FROM erofs_ends;

-- 2^k blocks on (no recursion: both engines run it as joins), then the walk from name 0 to the last block's start
CREATE TEMP TABLE erofs_jump1 AS
SELECT a.g, a.i, b.j FROM erofs_jump0 a JOIN erofs_jump0 b ON b.g = a.g AND b.i = a.j;

CREATE TEMP TABLE erofs_jump2 AS
SELECT a.g, a.i, b.j FROM erofs_jump1 a JOIN erofs_jump1 b ON b.g = a.g AND b.i = a.j;

CREATE TEMP TABLE erofs_jump3 AS
SELECT a.g, a.i, b.j FROM erofs_jump2 a JOIN erofs_jump2 b ON b.g = a.g AND b.i = a.j;

CREATE TEMP TABLE erofs_jump4 AS
SELECT a.g, a.i, b.j FROM erofs_jump3 a JOIN erofs_jump3 b ON b.g = a.g AND b.i = a.j;

CREATE TEMP TABLE erofs_jump5 AS
SELECT a.g, a.i, b.j FROM erofs_jump4 a JOIN erofs_jump4 b ON b.g = a.g AND b.i = a.j;

CREATE TEMP TABLE erofs_jump6 AS
SELECT a.g, a.i, b.j FROM erofs_jump5 a JOIN erofs_jump5 b ON b.g = a.g AND b.i = a.j;

CREATE TEMP TABLE erofs_jump7 AS
SELECT a.g, a.i, b.j FROM erofs_jump6 a JOIN erofs_jump6 b ON b.g = a.g AND b.i = a.j;

CREATE TEMP TABLE erofs_jump8 AS
SELECT a.g, a.i, b.j FROM erofs_jump7 a JOIN erofs_jump7 b ON b.g = a.g AND b.i = a.j;

CREATE TEMP TABLE erofs_jump9 AS
SELECT a.g, a.i, b.j FROM erofs_jump8 a JOIN erofs_jump8 b ON b.g = a.g AND b.i = a.j;

CREATE TEMP TABLE erofs_jump10 AS
SELECT a.g, a.i, b.j FROM erofs_jump9 a JOIN erofs_jump9 b ON b.g = a.g AND b.i = a.j;

CREATE TEMP TABLE erofs_jump11 AS
SELECT a.g, a.i, b.j FROM erofs_jump10 a JOIN erofs_jump10 b ON b.g = a.g AND b.i = a.j;

CREATE TEMP TABLE erofs_jump12 AS
SELECT a.g, a.i, b.j FROM erofs_jump11 a JOIN erofs_jump11 b ON b.g = a.g AND b.i = a.j;

CREATE TEMP TABLE erofs_walk12 AS
SELECT e.g, CASE WHEN j.j < e.n THEN j.j ELSE 0 END AS pos, CASE WHEN j.j < e.n THEN 4096 ELSE 0 END AS blocks_before
FROM erofs_ends e JOIN erofs_jump12 j ON j.g = e.g AND j.i = 0;

CREATE TEMP TABLE erofs_walk11 AS
SELECT w.g, CASE WHEN j.j < e.n THEN j.j ELSE w.pos END AS pos,
       w.blocks_before + CASE WHEN j.j < e.n THEN 2048 ELSE 0 END AS blocks_before
FROM erofs_walk12 w JOIN erofs_ends e ON e.g = w.g JOIN erofs_jump11 j ON j.g = w.g AND j.i = w.pos;

CREATE TEMP TABLE erofs_walk10 AS
SELECT w.g, CASE WHEN j.j < e.n THEN j.j ELSE w.pos END AS pos,
       w.blocks_before + CASE WHEN j.j < e.n THEN 1024 ELSE 0 END AS blocks_before
FROM erofs_walk11 w JOIN erofs_ends e ON e.g = w.g JOIN erofs_jump10 j ON j.g = w.g AND j.i = w.pos;

CREATE TEMP TABLE erofs_walk9 AS
SELECT w.g, CASE WHEN j.j < e.n THEN j.j ELSE w.pos END AS pos,
       w.blocks_before + CASE WHEN j.j < e.n THEN 512 ELSE 0 END AS blocks_before
FROM erofs_walk10 w JOIN erofs_ends e ON e.g = w.g JOIN erofs_jump9 j ON j.g = w.g AND j.i = w.pos;

CREATE TEMP TABLE erofs_walk8 AS
SELECT w.g, CASE WHEN j.j < e.n THEN j.j ELSE w.pos END AS pos,
       w.blocks_before + CASE WHEN j.j < e.n THEN 256 ELSE 0 END AS blocks_before
FROM erofs_walk9 w JOIN erofs_ends e ON e.g = w.g JOIN erofs_jump8 j ON j.g = w.g AND j.i = w.pos;

CREATE TEMP TABLE erofs_walk7 AS
SELECT w.g, CASE WHEN j.j < e.n THEN j.j ELSE w.pos END AS pos,
       w.blocks_before + CASE WHEN j.j < e.n THEN 128 ELSE 0 END AS blocks_before
FROM erofs_walk8 w JOIN erofs_ends e ON e.g = w.g JOIN erofs_jump7 j ON j.g = w.g AND j.i = w.pos;

CREATE TEMP TABLE erofs_walk6 AS
SELECT w.g, CASE WHEN j.j < e.n THEN j.j ELSE w.pos END AS pos,
       w.blocks_before + CASE WHEN j.j < e.n THEN 64 ELSE 0 END AS blocks_before
FROM erofs_walk7 w JOIN erofs_ends e ON e.g = w.g JOIN erofs_jump6 j ON j.g = w.g AND j.i = w.pos;

CREATE TEMP TABLE erofs_walk5 AS
SELECT w.g, CASE WHEN j.j < e.n THEN j.j ELSE w.pos END AS pos,
       w.blocks_before + CASE WHEN j.j < e.n THEN 32 ELSE 0 END AS blocks_before
FROM erofs_walk6 w JOIN erofs_ends e ON e.g = w.g JOIN erofs_jump5 j ON j.g = w.g AND j.i = w.pos;

CREATE TEMP TABLE erofs_walk4 AS
SELECT w.g, CASE WHEN j.j < e.n THEN j.j ELSE w.pos END AS pos,
       w.blocks_before + CASE WHEN j.j < e.n THEN 16 ELSE 0 END AS blocks_before
FROM erofs_walk5 w JOIN erofs_ends e ON e.g = w.g JOIN erofs_jump4 j ON j.g = w.g AND j.i = w.pos;

CREATE TEMP TABLE erofs_walk3 AS
SELECT w.g, CASE WHEN j.j < e.n THEN j.j ELSE w.pos END AS pos,
       w.blocks_before + CASE WHEN j.j < e.n THEN 8 ELSE 0 END AS blocks_before
FROM erofs_walk4 w JOIN erofs_ends e ON e.g = w.g JOIN erofs_jump3 j ON j.g = w.g AND j.i = w.pos;

CREATE TEMP TABLE erofs_walk2 AS
SELECT w.g, CASE WHEN j.j < e.n THEN j.j ELSE w.pos END AS pos,
       w.blocks_before + CASE WHEN j.j < e.n THEN 4 ELSE 0 END AS blocks_before
FROM erofs_walk3 w JOIN erofs_ends e ON e.g = w.g JOIN erofs_jump2 j ON j.g = w.g AND j.i = w.pos;

CREATE TEMP TABLE erofs_walk1 AS
SELECT w.g, CASE WHEN j.j < e.n THEN j.j ELSE w.pos END AS pos,
       w.blocks_before + CASE WHEN j.j < e.n THEN 2 ELSE 0 END AS blocks_before
FROM erofs_walk2 w JOIN erofs_ends e ON e.g = w.g JOIN erofs_jump1 j ON j.g = w.g AND j.i = w.pos;

CREATE TEMP TABLE erofs_walk0 AS
SELECT w.g, CASE WHEN j.j < e.n THEN j.j ELSE w.pos END AS pos,
       w.blocks_before + CASE WHEN j.j < e.n THEN 1 ELSE 0 END AS blocks_before
FROM erofs_walk1 w JOIN erofs_ends e ON e.g = w.g JOIN erofs_jump0 j ON j.g = w.g AND j.i = w.pos;

SELECT error('summaries: a directory of ' || CAST(e.n AS STRING)
             || ' names (with . and ..) takes more than the 8192 EROFS blocks this file walks')
FROM erofs_walk0 w JOIN erofs_ends e ON e.g = w.g JOIN erofs_jump0 j ON j.g = w.g AND j.i = w.pos WHERE j.j < e.n;

-- each directory's bytes: a directory no name was recorded in holds '.' and '..' (27 bytes)
CREATE TEMP TABLE erofs_dirs AS
SELECT t.scope, t.owner, t.dir,
       CASE WHEN g.g IS NULL THEN 12 * (t.n + 2) + t.b + 3 ELSE 4096 * w.blocks_before + e.total - o.c END AS bytes
FROM erofs_tallies t
LEFT JOIN erofs_big g ON g.scope = t.scope AND g.owner = t.owner AND g.dir = t.dir
LEFT JOIN erofs_walk0 w ON w.g = g.g
LEFT JOIN erofs_ends e ON e.g = g.g
LEFT JOIN erofs_offsets o ON o.g = g.g AND o.i = w.pos;

-- the inodes of each image: kind, data bytes (a directory's, a symlink's target, a file's), xattrs (count xn, body
-- bytes xa: 4 + name + value per xattr), opaque (1 when trusted.overlay.opaque is set)
CREATE TEMP TABLE erofs_layer_inodes AS
SELECT l.diff_id, l.kind, l.size, l.xn, l.xa, l.opaque,
       CASE WHEN l.kind = 'DIR' THEN coalesce(d.bytes, 27) WHEN l.kind = 'SYMLINK' THEN strlen(l.link)
            WHEN l.kind = 'FILE' THEN l.size ELSE 0 END AS ds
FROM (
    SELECT t.diff_id, t.path, t.kind, t.size, t.link, t.xattrs AS xn,
           CASE WHEN t.xattrs = 0 THEN 0 ELSE 4 * t.xattrs + t.xattr_bytes END AS xa,
           CASE WHEN o.path IS NULL THEN 0 ELSE 1 END AS opaque
    FROM layer_tree t LEFT JOIN layer_opaque o ON o.diff_id = t.diff_id AND o.path = t.path
    WHERE t.kind <> 'HARDLINK'
    UNION ALL
    SELECT d.diff_id, d.path, 'DIR', 0, '', 0, 0, CASE WHEN o.path IS NULL THEN 0 ELSE 1 END
    FROM layer_implied d LEFT JOIN layer_opaque o ON o.diff_id = d.diff_id AND o.path = d.path
    UNION ALL
    SELECT diff_id, path, 'DIR', 0, '', 0, 0, 1 FROM layer_marked
    UNION ALL
    SELECT l.diff_id, '', coalesce(r.kind, 'DIR'), coalesce(r.size, 0), coalesce(r.link, ''), coalesce(r.xattrs, 0),
           CASE WHEN coalesce(r.xattrs, 0) = 0 THEN 0 ELSE 4 * r.xattrs + r.xattr_bytes END,
           CASE WHEN o.path IS NULL THEN 0 ELSE 1 END
    FROM layers l
    LEFT JOIN (SELECT * FROM (SELECT le.*, row_number() OVER (PARTITION BY diff_id ORDER BY ordinal DESC) AS rn
                              FROM le WHERE path = '' AND kind <> 'OPAQUE') x WHERE rn = 1) r ON r.diff_id = l.diff_id
    LEFT JOIN layer_opaque o ON o.diff_id = l.diff_id AND o.path = ''
    WHERE coalesce(r.kind, 'DIR') <> 'HARDLINK') l
LEFT JOIN erofs_dirs d ON d.scope = 'layer' AND d.owner = l.diff_id AND d.dir = l.path AND l.kind = 'DIR';

-- the opaque xattr is shared (a 4-byte reference) when more than 2 inodes of the layer carry it, else inline (20)
CREATE TEMP TABLE erofs_layers AS
SELECT diff_id,
       4096 * (1 + CASE WHEN opaque_shared = 1 THEN 1 ELSE 0 END) + meta + 4095 - (meta + 4095) % 4096 + data AS bytes
FROM (
    SELECT i.diff_id, i.opaque_shared,
           sum(CASE WHEN i.inode % 4096 + i.ds % 4096 <= 4096 THEN i.inode + i.ds % 4096 + 31 - (i.inode + i.ds % 4096 + 31) % 32
                    ELSE i.inode + 31 - (i.inode + 31) % 32 END) AS meta,
           sum(i.ds - i.ds % 4096 + CASE WHEN i.inode % 4096 + i.ds % 4096 <= 4096 THEN 0 ELSE 4096 END) AS data
    FROM (
        SELECT n.diff_id, n.ds, c.opaque_shared,
               64 + CASE WHEN n.xn + CASE WHEN n.kind = 'DIR' AND n.opaque = 1 THEN 1 ELSE 0 END = 0 THEN 0
                         ELSE 12 + n.xa + CASE WHEN n.kind = 'DIR' AND n.opaque = 1
                                               THEN CASE WHEN c.opaque_shared = 1 THEN 4 ELSE 20 END ELSE 0 END
                         END AS inode
        FROM erofs_layer_inodes n
        JOIN (SELECT l.diff_id, CASE WHEN count(o.path) > 2 THEN 1 ELSE 0 END AS opaque_shared
              FROM layers l LEFT JOIN layer_opaque o ON o.diff_id = l.diff_id GROUP BY l.diff_id) c
          ON c.diff_id = n.diff_id) i
    GROUP BY i.diff_id, i.opaque_shared) x;

-- composefs-style: per image its tree; a non-empty file is chunk-based (4 bytes of index per block after the inode,
-- no inline tail; its xattrs: metacopy, shared when more than 2 files carry it, and redirect, 88), and the image
-- stores a zero block when a file has 4 KiB or more and one per distinct tail length (mkfs.erofs 1.5 has no holes)
CREATE TEMP TABLE erofs_meta_inodes AS
SELECT t.img, t.kind, t.size,
       CASE WHEN t.xattrs = 0 THEN 0 ELSE 4 * t.xattrs + t.xattr_bytes END AS xa,
       64 + CASE WHEN t.xattrs = 0 THEN 0 ELSE 12 + 4 * t.xattrs + t.xattr_bytes END AS inode,
       CASE WHEN t.kind = 'DIR' THEN coalesce(d.bytes, 27) WHEN t.kind = 'SYMLINK' THEN strlen(t.link)
            WHEN t.kind = 'FILE' THEN t.size ELSE 0 END AS ds,
       CASE WHEN t.kind = 'FILE' AND t.size > 0 THEN 1 ELSE 0 END AS chunked,
       CAST(FLOOR((t.size + 4095) / 4096) AS BIGINT) * 4 AS chunk_index
FROM tree t
LEFT JOIN erofs_dirs d ON d.scope = 'image' AND d.owner = CAST(t.img AS STRING) AND d.dir = t.path AND t.kind = 'DIR'
WHERE t.kind <> 'HARDLINK';

CREATE TEMP TABLE erofs_metadata AS
SELECT img,
       4096 * (1 + CASE WHEN chunked > 2 THEN 1 ELSE 0 END + zero_block + tails)
       + (meta + CASE WHEN chunked > 2 THEN meta_shared ELSE meta_inline END) + 4095
       - (meta + CASE WHEN chunked > 2 THEN meta_shared ELSE meta_inline END + 4095) % 4096
       + data AS bytes
FROM (
    SELECT img, sum(chunked) AS chunked,
           sum(CASE WHEN chunked = 1 THEN 0
                    WHEN inode % 4096 + ds % 4096 <= 4096 THEN inode + ds % 4096 + 31 - (inode + ds % 4096 + 31) % 32
                    ELSE inode + 31 - (inode + 31) % 32 END) AS meta,
           sum(CASE WHEN chunked = 1 THEN 0
                    ELSE ds - ds % 4096 + CASE WHEN inode % 4096 + ds % 4096 <= 4096 THEN 0 ELSE 4096 END END) AS data,
           sum(CASE WHEN chunked = 0 THEN 0
                    ELSE 168 + xa + 7 - (168 + xa + 7) % 8 + chunk_index + 31
                         - (168 + xa + 7 - (168 + xa + 7) % 8 + chunk_index + 31) % 32 END) AS meta_shared,
           sum(CASE WHEN chunked = 0 THEN 0
                    ELSE 184 + xa + 7 - (184 + xa + 7) % 8 + chunk_index + 31
                         - (184 + xa + 7 - (184 + xa + 7) % 8 + chunk_index + 31) % 32 END) AS meta_inline,
           max(CASE WHEN chunked = 1 AND size >= 4096 THEN 1 ELSE 0 END) AS zero_block,
           count(DISTINCT CASE WHEN chunked = 1 AND size % 4096 <> 0 THEN size % 4096 END) AS tails
    FROM erofs_meta_inodes GROUP BY img) x;

CREATE TEMP TABLE erofs_fixed AS
SELECT sum(e.bytes + 4095 - (e.bytes + 4095) % 4096 + CASE WHEN p.fs = 'ext4' AND e.bytes > 536870912 THEN 4096 ELSE 0 END
           + 4096)
       + (SELECT sum(bytes) FROM dir_bytes WHERE scope = 'erofs-skeleton') AS bytes,
       3 + 3 * count(*) AS inodes
FROM erofs_layers e, p;

CREATE TEMP TABLE cfs_fixed AS
SELECT (SELECT coalesce(sum(fb), 0) FROM objects)
       + (SELECT sum(m.bytes + 4095 - (m.bytes + 4095) % 4096
                     + CASE WHEN p.fs = 'ext4' AND m.bytes > 536870912 THEN 4096 ELSE 0 END)
          FROM image_ids i JOIN erofs_metadata m ON m.img = i.img CROSS JOIN p)
       + (SELECT sum(bytes) FROM dir_bytes WHERE scope = 'cfs') AS bytes,
       2 + (SELECT count(*) FROM objects) + (SELECT count(DISTINCT substr(sha256, 1, 2)) FROM objects)
       + (SELECT count(*) FROM image_ids) AS inodes;

CREATE TEMP TABLE mount_dirs AS SELECT sum(bytes) AS bytes FROM dir_bytes WHERE scope = 'mount';

-- ---------------------------------------------------------------------------------------------------------------
-- The report
CREATE TEMP TABLE report_images AS
SELECT f.img AS image_index, f.ref, f.containers,
       CAST(coalesce(s.shared, 0) + coalesce(s.uniq, 0) AS BIGINT) AS size_bytes,
       CAST(coalesce(s.shared, 0) AS BIGINT) AS shared_bytes, CAST(coalesce(s.uniq, 0) AS BIGINT) AS unique_bytes,
       CAST(coalesce(w.bytes, 0) AS BIGINT) AS wasted_bytes, CAST(c.nl AS BIGINT) AS layers,
       CAST(f.files AS BIGINT) AS files
FROM per_container f
JOIN image_layer_counts c ON c.img = f.img
LEFT JOIN (SELECT i.image_index AS img,
                  sum(CASE WHEN sc.img IS NOT NULL THEN l.content ELSE 0 END) AS shared,
                  sum(CASE WHEN sc.img IS NULL THEN l.content ELSE 0 END) AS uniq
           FROM images i JOIN layers l ON l.diff_id = i.diff_id
           LEFT JOIN shared_chain sc ON sc.img = i.image_index AND sc.k = i.layer_index
           GROUP BY i.image_index) s ON s.img = f.img
LEFT JOIN wasted w ON w.img = f.img;

-- dedup over the images' layers (each image once): distinct layers, distinct file contents, distinct chunks, each
-- content and chunk at its first length (layers in order of first use, entries in order)
CREATE TEMP TABLE layer_first AS
SELECT diff_id, img, k FROM (
    SELECT image_index AS img, layer_index AS k, diff_id,
           row_number() OVER (PARTITION BY diff_id ORDER BY image_index, layer_index) AS rn FROM images) t
WHERE rn = 1;

CREATE TEMP TABLE report_dedup AS
SELECT CAST(lg.bytes AS BIGINT) AS logical_bytes, CAST(lb.bytes AS BIGINT) AS layer_bytes,
       CAST(fb.bytes AS BIGINT) AS file_bytes, CAST(cb.bytes AS BIGINT) AS chunk_bytes,
       CASE WHEN lb.bytes = 0 THEN 1.0 ELSE CAST(lg.bytes AS DOUBLE) / lb.bytes END AS layer,
       CASE WHEN fb.bytes = 0 THEN 1.0 ELSE CAST(lg.bytes AS DOUBLE) / fb.bytes END AS file,
       CASE WHEN cb.bytes = 0 THEN 1.0 ELSE CAST(lg.bytes AS DOUBLE) / cb.bytes END AS chunk
FROM (SELECT coalesce(sum(l.content), 0) AS bytes FROM images i JOIN layers l ON l.diff_id = i.diff_id) lg,
     (SELECT coalesce(sum(content), 0) AS bytes FROM layers) lb,
     (SELECT coalesce(sum(size), 0) AS bytes FROM (
          SELECT e.size, row_number() OVER (PARTITION BY e.sha256 ORDER BY f.img, f.k, e.ordinal) AS rn
          FROM le e JOIN layer_first f ON f.diff_id = e.diff_id WHERE e.kind = 'FILE') t WHERE rn = 1) fb,
     (SELECT coalesce(sum(length), 0) AS bytes FROM (
          SELECT c.length, row_number() OVER (PARTITION BY c.chunk_id ORDER BY f.img, f.k, c.ordinal, c.chunk_index) AS rn
          FROM chunk_rows c JOIN layer_first f ON f.diff_id = c.diff_id
          JOIN le e ON e.diff_id = c.diff_id AND e.ordinal = c.ordinal WHERE e.kind = 'FILE') t WHERE rn = 1) cb;

CREATE TEMP TABLE report_copy_up AS
SELECT CAST(sum(containers * copied) AS BIGINT) AS copied_up_bytes,
       CAST(sum(containers * written) AS BIGINT) AS written_bytes,
       CASE WHEN sum(containers * written) = 0 THEN 0.0
            ELSE CAST(sum(containers * copied) AS DOUBLE) / sum(containers * written) END AS amplification
FROM per_container;

CREATE TEMP TABLE report_layouts AS
SELECT l.ord, l.layout, CAST(l.fixed_bytes + l.var_bytes AS BIGINT) AS bytes,
       CAST(l.fixed_inodes + l.var_inodes AS BIGINT) AS inodes,
       CASE WHEN c.n = 0 THEN 0.0 ELSE CAST(l.fixed_bytes + l.var_bytes AS DOUBLE) / c.n END AS bytes_per_container,
       CAST(l.fixed_bytes AS BIGINT) AS fixed_bytes, CAST(l.fixed_inodes AS BIGINT) AS fixed_inodes,
       CASE WHEN l.ord = 1 THEN m.shared WHEN l.ord = 2 THEN m.flat WHEN l.ord = 3 THEN m.dedup END AS memory_bytes
FROM (
    SELECT 1 AS ord, 'shared' AS layout, (SELECT bytes FROM shared_fixed) AS fixed_bytes,
           (SELECT inodes FROM shared_fixed) AS fixed_inodes,
           sum(containers * shared_bytes) AS var_bytes, sum(containers * shared_inodes) AS var_inodes
    FROM per_container
    UNION ALL
    SELECT 2, 'flat',
           CASE WHEN max(p.reflinks) = 1
                THEN (SELECT coalesce(sum(f.file_bytes), 0) FROM per_container f JOIN stack_firsts s ON s.img = f.img)
                ELSE 0 END,
           0,
           sum(containers * CASE WHEN p.reflinks = 1 THEN flat_reflink_bytes ELSE flat_bytes END),
           sum(containers * flat_inodes)
    FROM per_container, p
    UNION ALL
    SELECT 3, 'file-dedup', (SELECT bytes FROM store_dirs) + (SELECT bytes FROM pool_names),
           3 + (SELECT n FROM pool_names),
           sum(containers * dedup_bytes), sum(containers * dedup_inodes)
    FROM per_container
    UNION ALL
    SELECT 4, 'chunk-dedup', (SELECT bytes FROM store_dirs) + (SELECT bytes FROM tree_chunks),
           3 + (SELECT n FROM pool_names),
           sum(containers * chunk_bytes), sum(containers * dedup_inodes)
    FROM per_container
    UNION ALL
    -- erofs and composefs-style: per container shared's upper directory in a kernel overlay mount
    SELECT 5, 'erofs', (SELECT bytes FROM erofs_fixed), (SELECT inodes FROM erofs_fixed),
           sum(containers * (shared_bytes + m.bytes)), sum(containers * (shared_inodes + 3))
    FROM per_container, mount_dirs m
    UNION ALL
    SELECT 6, 'composefs-style', (SELECT bytes FROM cfs_fixed), (SELECT inodes FROM cfs_fixed),
           sum(containers * (shared_bytes + m.bytes)), sum(containers * (shared_inodes + 3))
    FROM per_container, mount_dirs m) l,
    (SELECT sum(containers) AS n FROM image_ids) c, memory m;

SELECT * FROM report_images ORDER BY image_index;
SELECT * FROM report_dedup;
SELECT * FROM report_copy_up;
SELECT layout, bytes, inodes, bytes_per_container, memory_bytes FROM report_layouts ORDER BY ord;
