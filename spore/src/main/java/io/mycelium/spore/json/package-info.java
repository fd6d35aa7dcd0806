/**
 * The project's one JSON set-up, {@link io.mycelium.spore.json.JsonMappers}: the mapper for wire
 * records, for config files, for signed manifests and for printed output. It lives in the lowest
 * module so that every other module reuses it instead of configuring Jackson again.
 */
package io.mycelium.spore.json;
