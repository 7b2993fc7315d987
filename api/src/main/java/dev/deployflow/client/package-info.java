/**
 * The client facade of deployflow: start, inspect and steer releases through the Temporal
 * client only. The command line, the worker's REST API and the chat endpoint all go through
 * {@link dev.deployflow.client.ReleaseClient}, so that every caller gets the same refusals with
 * the same messages.
 */
package dev.deployflow.client;
