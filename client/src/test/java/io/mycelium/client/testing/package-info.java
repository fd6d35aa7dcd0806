/** Test helpers of the client module: hand-made cluster views. */
package io.mycelium.client.testing;
