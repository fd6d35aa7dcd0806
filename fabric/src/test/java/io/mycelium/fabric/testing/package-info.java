/** Test support: network namespaces, bridges and veth pairs that tests create and remove. */
package io.mycelium.fabric.testing;
