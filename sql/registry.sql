-- layerbench registry aggregation: dedup at layer, file and chunk level over an export's images (each image once), the
-- figures of `size`'s DEDUP line (sizing.sql's report_dedup), in a few passes over the summaries, without flattening
-- any image: for corpora too large for sizing.sql (a registry: `corpus --rows 100000000`). Run from the export
-- directory:  duckdb < registry.sql   (Spark SQL: the substitutions of spark.sed.)
-- A content's bytes are its min(size) and a chunk's its min(length): equal to sizing.sql's first-seen ones whenever a
-- sha256 has one size and a chunk id one length (always, but for a 64-bit chunk id collision).
-- The last statement returns one row: images, layers, file_rows, distinct_contents, unique_file_fraction, logical_bytes,
-- layer_bytes, file_bytes, chunk_bytes, layer, file, chunk (the ratios).

CREATE TEMP VIEW images AS SELECT * FROM read_parquet('images.parquet');
CREATE TEMP VIEW summary_rows AS SELECT diff_id, kind, size, sha256 FROM read_parquet('summaries/*/*.parquet');
CREATE TEMP VIEW chunk_rows AS SELECT diff_id, chunk_id, length FROM read_parquet('chunks/*/*.parquet');

-- per layer: entries, file rows and file content bytes
CREATE TEMP TABLE layer_sums AS
SELECT diff_id, count(*) AS entries, sum(CASE WHEN kind = 'FILE' THEN 1 ELSE 0 END) AS files,
       sum(CASE WHEN kind = 'FILE' THEN size ELSE 0 END) AS content
FROM summary_rows GROUP BY diff_id;

CREATE TEMP TABLE used AS SELECT DISTINCT diff_id, entries FROM images;

-- a layer of images.parquet whose summary rows are missing or partial: one line, never a silent zero
SELECT error('images.parquet: column diff_id: layer ' || u.diff_id || ' has ' || CAST(coalesce(s.entries, 0) AS STRING)
             || ' rows in summaries/*/*.parquet, images.parquet column entries says ' || CAST(u.entries AS STRING))
FROM used u LEFT JOIN layer_sums s ON s.diff_id = u.diff_id WHERE coalesce(s.entries, 0) <> u.entries;

CREATE TEMP TABLE contents AS
SELECT e.sha256, min(e.size) AS size, count(*) AS n
FROM summary_rows e JOIN used u ON u.diff_id = e.diff_id WHERE e.kind = 'FILE' GROUP BY e.sha256;

CREATE TEMP TABLE chunk_set AS
SELECT c.chunk_id, min(c.length) AS length
FROM chunk_rows c JOIN used u ON u.diff_id = c.diff_id GROUP BY c.chunk_id;

CREATE TEMP TABLE report_registry AS
SELECT CAST(im.n AS BIGINT) AS images, CAST(lb.n AS BIGINT) AS layers, CAST(fr.n AS BIGINT) AS file_rows,
       CAST(co.n AS BIGINT) AS distinct_contents,
       CASE WHEN fr.n = 0 THEN 0.0 ELSE CAST(co.n AS DOUBLE) / fr.n END AS unique_file_fraction,
       CAST(lg.bytes AS BIGINT) AS logical_bytes, CAST(lb.bytes AS BIGINT) AS layer_bytes,
       CAST(co.bytes AS BIGINT) AS file_bytes, CAST(ch.bytes AS BIGINT) AS chunk_bytes,
       CASE WHEN lb.bytes = 0 THEN 1.0 ELSE CAST(lg.bytes AS DOUBLE) / lb.bytes END AS layer,
       CASE WHEN co.bytes = 0 THEN 1.0 ELSE CAST(lg.bytes AS DOUBLE) / co.bytes END AS file,
       CASE WHEN ch.bytes = 0 THEN 1.0 ELSE CAST(lg.bytes AS DOUBLE) / ch.bytes END AS chunk
FROM (SELECT count(DISTINCT image_index) AS n FROM images) im,
     (SELECT coalesce(sum(s.content), 0) AS bytes FROM images i JOIN layer_sums s ON s.diff_id = i.diff_id) lg,
     (SELECT count(*) AS n, coalesce(sum(s.content), 0) AS bytes FROM used u JOIN layer_sums s ON s.diff_id = u.diff_id) lb,
     (SELECT coalesce(sum(s.files), 0) AS n FROM used u JOIN layer_sums s ON s.diff_id = u.diff_id) fr,
     (SELECT count(*) AS n, coalesce(sum(size), 0) AS bytes FROM contents) co,
     (SELECT coalesce(sum(length), 0) AS bytes FROM chunk_set) ch;

SELECT * FROM report_registry;
