/** {@code mesh apps} and {@code mesh instances}: what the cluster runs, as one agent sees it. */
package io.mycelium.cli.apps;
