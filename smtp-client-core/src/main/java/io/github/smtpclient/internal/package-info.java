/**
 * Glue between the public packages that no user names: the composer that fits a message to a server, raw content,
 * the sender's retry decisions, the default EHLO name and the reference's settings by name. Not exported by the
 * module; nothing here is API, and any of it may change in any release.
 */
package io.github.smtpclient.internal;
