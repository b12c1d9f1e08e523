/**
 * Benchmark results and regression tracking: reading JMH's JSON result files ({@code -rf json}), comparing two runs
 * benchmark by benchmark with a noise-aware, direction-aware verdict, normalizing by the calibration benchmark so a
 * slower machine does not read as a regression, the spread of repeated runs, the machine sidecar written next to a
 * results file, and the markdown and PNG report of one run.
 *
 * <p>It sits on top, beside {@code cli}: it reads result files and runs JMH; nothing in the library depends on it.
 * The file format is JMH's own JSON writer; its fields are those of JMH's {@code RunResult}/{@code Result}.
 *
 * @see <a href="https://github.com/openjdk/jmh/blob/master/jmh-core/src/main/java/org/openjdk/jmh/results/format/JSONResultFormat.java">JMH JSON result format</a>
 */
package dev.layerbench.results;
