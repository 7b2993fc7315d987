package dev.deployflow.worker.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bodies of the security refusals, as RFC 9457 problem details like the API's other
 * answers, with the {@code WWW-Authenticate} challenge of RFC 6750 and the words a person reads.
 */
final class ProblemResponses {
  static final String NOT_CONFIGURED =
      "The REST API is not configured: set DEPLOYFLOW_API_TOKENS (or deployflow.api.tokens) to"
          + " comma-separated identity:role:secret entries, e.g."
          + " alice:operator:$(openssl rand -hex 32), role viewer or operator, or an OIDC issuer"
          + " in deployflow.api.oidc.issuer-uri; then restart the worker. See the README's"
          + " Security section.";

  private final JsonMapper json;

  ProblemResponses(JsonMapper json) {
    this.json = json;
  }

  /**
   * 401 with the RFC 6750 challenge: {@code Bearer} when no token came, with
   * {@code error="invalid_token"} when one did. (Spring Security's own entry point would also
   * point to an OAuth protected-resource metadata document, which this API does not serve.)
   */
  AuthenticationEntryPoint unauthorized() {
    return (request, response, exception) -> {
      response.setHeader(
          "WWW-Authenticate",
          exception instanceof OAuth2AuthenticationException
              ? "Bearer error=\"invalid_token\""
              : "Bearer");
      write(response, HttpStatus.UNAUTHORIZED, "Unauthorized", reason(exception));
    };
  }

  /** 403: authenticated, but the role does not allow the request. */
  AccessDeniedHandler forbidden() {
    return (request, response, exception) -> {
      response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
      write(response, HttpStatus.FORBIDDEN, "Forbidden", denial(request));
    };
  }

  /** 503 for every API request while neither tokens nor an OIDC issuer are configured. */
  AuthenticationEntryPoint notConfigured() {
    return (request, response, exception) ->
        write(response, HttpStatus.SERVICE_UNAVAILABLE, "API not configured", NOT_CONFIGURED);
  }

  private static String reason(AuthenticationException exception) {
    if (exception instanceof OAuth2AuthenticationException oauth) {
      String description = oauth.getError().getDescription();
      return description == null || description.isBlank()
          ? "the bearer token is not valid"
          : description;
    }
    return "this API needs a bearer token: send the header Authorization: Bearer <token>";
  }

  private static String denial(HttpServletRequest request) {
    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
    boolean viewer =
        caller != null
            && caller.getAuthorities().stream()
                .anyMatch(a -> ("ROLE_" + ApiRole.VIEWER.roleName()).equals(a.getAuthority()));
    if (viewer && !"GET".equals(request.getMethod())) {
      return caller.getName()
          + " holds a viewer token, which only reads; starting releases and sending messages"
          + " needs an operator token";
    }
    return "this token grants no access to " + request.getMethod() + " " + request.getRequestURI();
  }

  void write(HttpServletResponse response, HttpStatus status, String title, String detail)
      throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", title);
    problem.put("status", status.value());
    problem.put("detail", detail);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(json.writeValueAsString(problem));
  }
}
