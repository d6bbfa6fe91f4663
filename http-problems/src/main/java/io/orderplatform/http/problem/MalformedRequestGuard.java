package io.orderplatform.http.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.RequestPath;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses what Spring MVC would otherwise fail on as an internal error before it reaches a handler: a
 * path it cannot parse (a broken escape in a matrix parameter, such as {@code /a;%}) or a query string
 * with a broken escape (such as {@code ?to=%}, which Tomcat refuses to decode) with 400, and a
 * {@code Content-Type} that is malformed or not a concrete media type (such as {@code *}{@code /*})
 * with 415. Both are the client's mistakes, never a 500.
 */
public class MalformedRequestGuard extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!parseablePath(request)) {
            refuse(response, HttpStatus.BAD_REQUEST, "The request path is malformed.");
            return;
        }
        if (!decodableQuery(request.getQueryString())) {
            refuse(response, HttpStatus.BAD_REQUEST, "The query string is malformed.");
            return;
        }
        String contentType = request.getContentType();
        if (contentType != null && !contentType.isBlank() && !concrete(contentType)) {
            refuse(
                    response,
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be a concrete media type, e.g. application/json.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean parseablePath(HttpServletRequest request) {
        try {
            RequestPath.parse(request.getRequestURI(), request.getContextPath());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean decodableQuery(String query) {
        if (query == null) {
            return true;
        }
        try {
            URLDecoder.decode(query, StandardCharsets.UTF_8);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean concrete(String contentType) {
        try {
            return MediaType.parseMediaType(contentType).isConcrete();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static void refuse(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter()
                .write("{\"type\":\"" + Problems.TYPE_BASE + "http-" + status.value() + "\",\"title\":\""
                        + status.getReasonPhrase() + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail
                        + "\"}");
    }
}
