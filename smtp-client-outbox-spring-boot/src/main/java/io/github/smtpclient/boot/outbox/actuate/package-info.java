/** Operating the outbox: its health indicator, its meters and its Actuator endpoint. */
@NullMarked
package io.github.smtpclient.boot.outbox.actuate;

import org.jspecify.annotations.NullMarked;
