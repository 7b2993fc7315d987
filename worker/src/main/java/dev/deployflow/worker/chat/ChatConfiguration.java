package dev.deployflow.worker.chat;

import dev.deployflow.client.ReleaseClient;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The chat endpoint's collaborators. */
@Configuration(proxyBeanMethods = false)
public class ChatConfiguration {

  @Bean
  ChatCommandHandler chatCommandHandler(ReleaseClient releases, Clock clock) {
    return new ChatCommandHandler(releases, clock);
  }

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }
}
