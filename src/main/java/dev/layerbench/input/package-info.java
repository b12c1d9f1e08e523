/**
 * The one base of the errors that mean bad input, {@link dev.layerbench.input.BadInputException}: every package's own
 * exception extends it, so a caller tells "the input is wrong, here is the one line why" from a failure of its own.
 * Depends on nothing.
 */
package dev.layerbench.input;
