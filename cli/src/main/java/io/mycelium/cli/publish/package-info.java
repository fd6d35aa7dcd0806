/** {@code mesh publish}: uploading a spore into an agent's repository over its API, with progress. */
package io.mycelium.cli.publish;
