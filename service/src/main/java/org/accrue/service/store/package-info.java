/**
 * Where the service keeps what it must not lose: the database (SQLite by default, PostgreSQL in production), its
 * connection pool and its schema migrations.
 */
package org.accrue.service.store;
