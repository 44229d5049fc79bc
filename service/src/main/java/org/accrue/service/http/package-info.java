/** The HTTP API (Javalin on Jetty): routes and the roles they need, problem+json errors, the OpenAPI document. */
package org.accrue.service.http;
