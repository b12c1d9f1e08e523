-- The sizing aggregation over exported summaries (`size ... --export DIR`), for DuckDB (or Spark SQL with
-- read_csv replaced by spark.read.csv). Run from DIR: duckdb < sizing-duckdb.sql
-- Tables: images.csv (ref, containers, layer_index, diff_id) and summaries/sha256/<diff_id>.csv, one row per
-- layer entry: path, kind (FILE DIR SYMLINK HARDLINK OTHER WHITEOUT OPAQUE), size, sha256, link, mode, uid, gid,
-- chunks ("<16 hex id>:<length>" separated by spaces), xattrs (how many) and xattr_bytes (names less their
-- namespace prefix, and values).

CREATE VIEW entries AS
SELECT regexp_extract(filename, '([0-9a-f]{64})\.csv$', 1) AS diff_id, path, kind, size, sha256, link, mode, uid, gid, chunks,
       xattrs, xattr_bytes
FROM read_csv('summaries/sha256/*.csv', filename = true, header = true, quote = '"', escape = '"',
              columns = {'path': 'VARCHAR', 'kind': 'VARCHAR', 'size': 'BIGINT', 'sha256': 'VARCHAR', 'link': 'VARCHAR',
                         'mode': 'INTEGER', 'uid': 'INTEGER', 'gid': 'INTEGER', 'chunks': 'VARCHAR',
                         'xattrs': 'INTEGER', 'xattr_bytes': 'BIGINT'});

CREATE VIEW images AS
SELECT * FROM read_csv('images.csv', header = true,
                       columns = {'ref': 'VARCHAR', 'containers': 'BIGINT', 'layer_index': 'INTEGER', 'diff_id': 'VARCHAR'});

-- content bytes and ext4 file blocks per layer
CREATE VIEW layers AS
SELECT diff_id, sum(size) AS bytes, sum(ceil(size / 4096.0) * 4096)::BIGINT AS file_blocks_bytes, count(*) AS entries
FROM entries WHERE kind = 'FILE' GROUP BY diff_id;

-- dedup ratios: every image's layer content (each image once) over distinct layers, file contents and chunks
WITH logical AS (SELECT sum(l.bytes) AS bytes FROM images i JOIN layers l USING (diff_id)),
     by_layer AS (SELECT sum(bytes) AS bytes FROM layers),
     by_file AS (SELECT sum(size) AS bytes FROM (SELECT DISTINCT sha256, size FROM entries WHERE kind = 'FILE')),
     by_chunk AS (SELECT sum(len) AS bytes FROM (
         SELECT DISTINCT split_part(c, ':', 1) AS id, CAST(split_part(c, ':', 2) AS BIGINT) AS len
         FROM entries, unnest(string_split(chunks, ' ')) AS t(c)
         WHERE kind = 'FILE' AND chunks <> ''))
SELECT logical.bytes AS logical_bytes, by_layer.bytes AS layer_bytes, by_file.bytes AS file_bytes,
       by_chunk.bytes AS chunk_bytes,
       round(logical.bytes / by_layer.bytes, 2) AS layer_dedup, round(logical.bytes / by_file.bytes, 2) AS file_dedup,
       round(logical.bytes / by_chunk.bytes, 2) AS chunk_dedup
FROM logical, by_layer, by_file, by_chunk;

-- SHARED and UNIQUE per image as docker system df -v counts them: a layer (by its stack prefix, i.e. chain) is
-- shared when another image has the same layers below and at it
WITH chains AS (
    SELECT ref, layer_index, diff_id,
           string_agg(diff_id, '/') OVER (PARTITION BY ref ORDER BY layer_index ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS chain
    FROM images),
     users AS (SELECT chain, count(DISTINCT ref) AS n FROM chains GROUP BY chain)
SELECT c.ref, sum(CASE WHEN u.n > 1 THEN l.bytes ELSE 0 END) AS shared_bytes,
       sum(CASE WHEN u.n > 1 THEN 0 ELSE l.bytes END) AS unique_bytes
FROM chains c JOIN users u USING (chain) JOIN layers l USING (diff_id)
GROUP BY c.ref ORDER BY c.ref;

-- shared layout, file data only: each distinct layer's file blocks once (the sizer adds directories, symlinks,
-- whiteout devices and the per-container upper directories)
SELECT sum(file_blocks_bytes) AS shared_file_bytes FROM layers WHERE diff_id IN (SELECT diff_id FROM images);
