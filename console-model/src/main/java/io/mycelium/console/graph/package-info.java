/**
 * The mycelium graph: agents as hubs, their instances as hyphae, the edges routing to the hubs
 * that serve; and its layout on a grid of cells that each console scales to characters or pixels.
 */
package io.mycelium.console.graph;
