/**
 * The update step: what one node does next for one instance slot, as a pure function of what the
 * cluster view says about that slot. The default strategy is make-before-break per slot: the
 * instance of the desired spore starts and becomes Ready before the old instance of the slot (on
 * this node or another) is drained. Blue/green and rolling strategies build on the same step by
 * deciding which slots may move at once.
 */
package io.mycelium.fabric.update;
