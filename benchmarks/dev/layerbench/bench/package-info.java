/**
 * The JMH benchmarks: one class per question. Each class's Javadoc says what it measures, the exact command that
 * runs it, and a result it produced on a described machine.
 *
 * @see <a href="https://github.com/openjdk/jmh/tree/master/jmh-samples/src/main/java/org/openjdk/jmh/samples">JMH samples</a>
 */
package dev.layerbench.bench;
