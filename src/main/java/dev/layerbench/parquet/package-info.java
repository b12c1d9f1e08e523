/**
 * Parquet files, written: a small writer for flat tables of required INT32, INT64 and UTF-8 string columns (PLAIN
 * encoding, uncompressed data pages v1, row groups of a bounded size), enough for the sizing export that DuckDB and
 * Spark read natively, with no Hadoop and no dependency at all. The footer is Thrift's compact protocol.
 *
 * <p>Format: <a href="https://parquet.apache.org/docs/file-format/">Parquet file format</a> and its Thrift definition
 * (<a href="https://github.com/apache/parquet-format/blob/master/src/main/thrift/parquet.thrift">parquet.thrift</a>);
 * encoding: <a href="https://github.com/apache/thrift/blob/master/doc/specs/thrift-compact-protocol.md">Thrift compact
 * protocol</a>.
 */
package dev.layerbench.parquet;
