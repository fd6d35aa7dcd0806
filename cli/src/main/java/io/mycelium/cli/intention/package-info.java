/**
 * {@code mesh intention allow|deny|default|remove|list}: which app may call which through the
 * hyphae routers, as signed operator records submitted to an agent's {@code POST /v1/intentions}
 * and read back from its view.
 */
package io.mycelium.cli.intention;
