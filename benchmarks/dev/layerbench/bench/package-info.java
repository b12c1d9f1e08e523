/**
 * The JMH benchmarks: one class per question. Each class's Javadoc says what it measures, the exact command that
 * runs it, and its last result: the command, score ± error and unit, the machine and the date. Each class extends
 * {@link dev.layerbench.bench.ForkedBench} (or its nested class for the heap it needs), which carries the fork
 * settings; mode, warm-up, measurement and time unit stay on the class.
 *
 * @see <a href="https://github.com/openjdk/jmh/tree/master/jmh-samples/src/main/java/org/openjdk/jmh/samples">JMH samples</a>
 */
package dev.layerbench.bench;
