/**
 * Repository commands: {@code mesh repo put|ls|get|rm|gc} over the spore module's content-addressed
 * {@code SporeRepo} (blobs named by the sha256 of their bytes, refs that pin them). A spore is
 * named on the command line by its digest, a unique prefix of it, or a ref such as
 * {@code billing@1.0.0}.
 */
package io.mycelium.cli.repo;
