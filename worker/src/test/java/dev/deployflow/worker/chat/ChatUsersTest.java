package dev.deployflow.worker.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing {@code deployflow.chat.users}: Slack user id to identity. */
class ChatUsersTest {

  @Test
  void mappedUsersAreFoundByUserId() {
    ChatUsers users = ChatUsers.parse(List.of("U024BE7LH:bob", " W0123ABCD : carol.ops "));

    assertThat(users.identityOf("U024BE7LH")).hasValue("bob");
    assertThat(users.identityOf("W0123ABCD")).hasValue("carol.ops");
    assertThat(users.identityOf("bob")).isEmpty();
    assertThat(users.identityOf(null)).isEmpty();
  }

  @Test
  void badEntriesFailNamingThePosition() {
    assertThatThrownBy(() -> ChatUsers.parse(List.of("U1:bob", "bob")))
        .hasMessageStartingWith(
            "deployflow.chat.users (DEPLOYFLOW_CHAT_USERS), entry 2: 'bob' is not a Slack user id");
    assertThatThrownBy(() -> ChatUsers.parse(List.of("U1:bob smith")))
        .hasMessageContaining("entry 1: identity 'bob smith' must match");
    assertThatThrownBy(() -> ChatUsers.parse(List.of("U1:bob", "U1:carol")))
        .hasMessageContaining("entry 2: U1 is mapped twice");
  }
}
