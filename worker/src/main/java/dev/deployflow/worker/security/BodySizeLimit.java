package dev.deployflow.worker.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a REST or chat request body larger than 64 KiB with 413 (CONTRACT.md's input rules),
 * before anything parses it. A declared {@code Content-Length} is judged without reading; a body
 * of unknown length (chunked) is read up to the limit and handed on from memory.
 *
 * <p>It runs after Spring Security, so an unauthenticated caller is told 401 and nothing else.
 */
@Component
public class BodySizeLimit extends OncePerRequestFilter {

  /** The largest body accepted, in bytes. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private final ProblemResponses problems;

  public BodySizeLimit(JsonMapper json) {
    this.problems = new ProblemResponses(json);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (declared > MAX_BODY_BYTES) {
      tooLarge(response);
      return;
    }
    if (declared >= 0) {
      // The container never hands on more than the declared length.
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      tooLarge(response);
      return;
    }
    chain.doFilter(new BufferedBody(request, body), response);
  }

  private void tooLarge(HttpServletResponse response) throws IOException {
    problems.write(
        response,
        HttpStatus.CONTENT_TOO_LARGE,
        "Content Too Large",
        "the request body is larger than " + MAX_BODY_BYTES + " bytes (64 KiB)");
  }

  /** A request whose body was already read into memory. */
  private static final class BufferedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    BufferedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
          return in.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the body is already in memory");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
