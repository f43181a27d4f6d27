package io.github.smtpclient.boot.outbox.jdbc;

import java.sql.Connection;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.github.smtpclient.outbox.CallerTransactions;

/**
 * Joins the Spring-managed transaction the caller runs in: an enqueue inside {@code @Transactional} (JDBC, JPA or any
 * transaction manager that binds the DataSource's connection) writes on that transaction's connection, so the message
 * commits or rolls back with the caller's own changes.
 */
public final class SpringCallerTransactions implements CallerTransactions {

    @Override
    public @Nullable Connection current(DataSource dataSource) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || TransactionSynchronizationManager.getResource(dataSource) == null) {
            return null;
        }
        return DataSourceUtils.getConnection(dataSource);
    }

    @Override
    public void release(Connection connection, DataSource dataSource) {
        DataSourceUtils.releaseConnection(connection, dataSource);
    }

    @Override
    public void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
