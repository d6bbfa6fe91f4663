package io.orderplatform.http.problem;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Answers the errors Tomcat gives before a request reaches the application (a malformed URI such as
 * one with {@code %00}, an invalid request line or header, a method it does not implement) with an
 * RFC 9457 problem instead of Tomcat's HTML error page, so that a client sees one error format from
 * every layer and never a 5xx for its own mistake.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        if (status == HttpStatus.NOT_IMPLEMENTED.value()) {
            // A method the container does not implement (CONNECT) is the client's mistake, not a server fault.
            status = HttpStatus.METHOD_NOT_ALLOWED.value();
            response.setStatus(status);
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"" + Problems.TYPE_BASE + "http-" + status + "\",\"title\":\"" + title
                        + "\",\"status\":" + status + ",\"detail\":\"The server refused the request as malformed.\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the response was committed meanwhile: nothing more can be said.
        }
    }
}
