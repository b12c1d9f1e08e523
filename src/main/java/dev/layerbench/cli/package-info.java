/**
 * The command line of {@code target/benchmarks.jar}: with no arguments, or with JMH's own options, it runs the JMH
 * suite; a first argument that names a tool ({@code help} lists them) runs that tool instead. Tools print one line
 * naming the file and the problem on bad input, and exit non-zero, never with a stack trace.
 */
package dev.layerbench.cli;
