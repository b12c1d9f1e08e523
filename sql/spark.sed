# DuckDB -> Spark SQL: the only differences sizing.sql has. Use: sed -E -f spark.sed sizing.sql > sizing-spark.sql
s/read_parquet\('([^']*)'\)/parquet.`\1`/g
s/\bstrlen\(/octet_length(/g
s/\berror\(/raise_error(/g
s/CREATE TEMP VIEW/CREATE OR REPLACE TEMPORARY VIEW/g
s/CREATE TEMP TABLE ([a-z_][a-z0-9_]*) AS/CACHE TABLE \1 AS/g
/-- duckdb-only: begin/,/-- duckdb-only: end/d
