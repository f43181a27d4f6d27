/**
 * Text that smtp-client did not write itself, made safe to show to people ({@link PrintableText}). A leaf: it uses
 * no other package of the project, so the root's vocabulary, the events and the engine can all use it without a
 * cycle. Not exported by the module; nothing here is API.
 */
package io.github.smtpclient.text;
