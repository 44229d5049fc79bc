package org.accrue.service.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Errors Jetty answers itself, before a request reaches the API (a malformed request line or URI, a header too
 * large): the same problem+json as every other error, never Jetty's HTML page or a stack trace.
 */
final class ProblemErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        ObjectNode p = Api.JSON.createObjectNode();
        String title = HttpStatus.getMessage(code);
        p.put("type", "about:blank");
        p.put("title", title);
        p.put("status", code);
        p.put("detail", "request: " + (message == null || message.isBlank() ? title : message.lines().findFirst()
                .orElse(title)));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
        // Jetty closes the connection after a request it could not parse: say so, or a client reuses it
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(p.toString().getBytes(StandardCharsets.UTF_8)), callback);
    }
}
