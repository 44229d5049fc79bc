package org.accrue.service.http;

/** The HTTP API over a real PostgreSQL server. */
class PostgresApiTest extends ApiContract {
    @Override
    String kind() {
        return "postgresql";
    }
}
