/**
 * Placement: which live node runs each instance slot of each app. A pure, deterministic function
 * of a snapshot ({@link io.mycelium.fabric.placement.PlacementInput}), so that every agent
 * computes the same answer from the same view and no scheduler is needed. Slots stay where they
 * run while their node is eligible (so losing a node moves only that node's slots); new and
 * orphaned slots go to the highest-scoring node under weighted rendezvous hashing among the nodes
 * whose labels match, that have room for the manifest's nutrients, and that hold the fewest
 * instances of the app (spreading).
 */
package io.mycelium.fabric.placement;
