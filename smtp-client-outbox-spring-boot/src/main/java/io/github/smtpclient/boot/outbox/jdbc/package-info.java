/** The outbox on the application's DataSource: joining its Spring transactions, and applying the outbox's schema. */
@NullMarked
package io.github.smtpclient.boot.outbox.jdbc;

import org.jspecify.annotations.NullMarked;
