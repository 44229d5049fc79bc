package org.accrue.service.http;

/** The HTTP API over the embedded default, SQLite. */
class SqliteApiTest extends ApiContract {
    @Override
    String kind() {
        return "sqlite";
    }
}
