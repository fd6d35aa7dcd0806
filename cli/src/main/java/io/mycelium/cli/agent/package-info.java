/** {@code mesh agent}: runs this machine's agent daemon from flags and/or a JSON config file. */
package io.mycelium.cli.agent;
