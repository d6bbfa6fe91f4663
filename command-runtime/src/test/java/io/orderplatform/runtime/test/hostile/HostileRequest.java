package io.orderplatform.runtime.test.hostile;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

/**
 * One request as raw parts. Header values are written byte for byte (ISO-8859-1), the body as given,
 * with a correct Content-Length or chunked, so that what is hostile is the content, not the framing.
 */
public record HostileRequest(
        String method, String path, List<Map.Entry<String, String>> headers, byte[] body, boolean chunked) {

    byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, method + " " + path + " HTTP/1.1\r\n");
        write(out, "Host: localhost\r\n");
        write(out, "Connection: close\r\n");
        for (Map.Entry<String, String> header : headers) {
            write(out, header.getKey() + ": " + header.getValue() + "\r\n");
        }
        if (body.length > 0 && chunked) {
            write(out, "Transfer-Encoding: chunked\r\n\r\n");
            write(out, Integer.toHexString(body.length) + "\r\n");
            out.writeBytes(body);
            write(out, "\r\n0\r\n\r\n");
        } else {
            write(out, "Content-Length: " + body.length + "\r\n\r\n");
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(ISO_8859_1));
    }

    @Override
    public String toString() {
        String shown = new String(body, 0, Math.min(body.length, 200), ISO_8859_1);
        return method + " " + abbreviate(path) + " " + headers + (chunked ? " chunked " : " ") + body.length
                + " bytes: " + shown;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...(" + text.length() + ")";
    }
}
