/**
 * The fabric as a program: {@link io.mycelium.fabric.daemon.MemberDaemon} runs one bare member with
 * its status server from {@link io.mycelium.fabric.daemon.MemberSettings} (built by
 * {@code mesh fabric member} from its flags, or read from a JSON file by tests that start members
 * as processes).
 */
package io.mycelium.fabric.daemon;
