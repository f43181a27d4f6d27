/**
 * The sample's Outbox panel: messages queued in the starter's durable outbox (an embedded H2 store under the run
 * directory), listed live with their states, and the operator's retry and park.
 */
package io.github.smtpclient.sample.outbox;
