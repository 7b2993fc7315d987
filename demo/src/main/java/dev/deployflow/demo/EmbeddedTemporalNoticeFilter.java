package dev.deployflow.demo;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Locale;

/**
 * Keeps the worker's warnings that Temporal is embedded and in-memory off the demo's console:
 * the demo says so in one short line of its own, and the worker's log file keeps them whole.
 * Every other warning of the worker still reaches the console.
 */
public final class EmbeddedTemporalNoticeFilter extends Filter<ILoggingEvent> {
  private static final String WORKER_LOGGERS = "dev.deployflow.worker.";

  @Override
  public FilterReply decide(ILoggingEvent event) {
    String message = event.getFormattedMessage();
    boolean notice = event.getLoggerName() != null
        && event.getLoggerName().startsWith(WORKER_LOGGERS)
        && message != null
        && message.toLowerCase(Locale.ROOT).contains("in-memory");
    return notice ? FilterReply.DENY : FilterReply.NEUTRAL;
  }
}
