/**
 * The agent API's wire documents ({@link io.mycelium.client.api.ApiDocuments}) and the operator
 * signature that authorizes a spore upload ({@link io.mycelium.client.api.OperatorSignature}):
 * the contract the agent serves and every client reads, kept free of Helidon so that the CLI and
 * the consoles share it.
 */
package io.mycelium.client.api;
