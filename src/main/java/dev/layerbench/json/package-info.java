/**
 * The project's one JSON mapper ({@link dev.layerbench.json.Json}): OCI documents, dataset manifests, results sidecars
 * and reports are read and written through it, digests as their string form, and a document that cannot be read is
 * said in one line without Jackson's source excerpt. Sits just above {@code digest}, so that every package that reads
 * or writes JSON can use it without importing {@code store}.
 */
package dev.layerbench.json;
