/**
 * The edge's event loops: one selector thread per core serves the client and upstream sockets of
 * its connections, without a thread per connection and without locks (a connection and its
 * upstream connections belong to one loop). Deadlines are checked at a short tick.
 */
package io.mycelium.edge.loop;
