/**
 * How the settlement service reaches its database: one way, documented here.
 *
 * <ul>
 *   <li>Entities are Hibernate ORM with Panache; amounts are {@link cn.laorenjia.core.money.Money}, stored as
 *       integer fen by {@link cn.laorenjia.settlement.persistence.MoneyConverter}.</li>
 *   <li>Set-based SQL (aggregates over the ledger, multi-row inserts, reports) lives in a feature's repository
 *       class ({@code SettlementRepository}, {@code StatementRepository}, …) as native queries on the injected
 *       {@code EntityManager}, with named or numbered parameters bound by Hibernate. Repositories are
 *       {@code @Transactional(MANDATORY)}: they run inside the transaction of the service that calls them and never
 *       commit, roll back or open a connection of their own.</li>
 *   <li>Transaction boundaries are on services: {@code @Transactional}, or
 *       {@code QuarkusTransaction.requiringNew()} where one call needs a transaction of its own (the settlement run).
 *       Locks are PostgreSQL transaction-scoped advisory locks, released by the commit or rollback.</li>
 *   <li>{@code Session.doWork} only where a JDBC batch is truly needed (the ledger entries of an offline sync,
 *       {@code OfflineSales}); nothing takes a raw connection from the pool.</li>
 * </ul>
 */
package cn.laorenjia.settlement.persistence;
