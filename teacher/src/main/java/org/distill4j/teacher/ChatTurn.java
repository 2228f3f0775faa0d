package org.distill4j.teacher;

/**
 * One message of a chat prompt. Prompts are kept in this provider-neutral form so that the cache
 * key is the same whichever LangChain4j client sends them.
 *
 * @param role who speaks
 * @param text what is said, not null
 */
public record ChatTurn(Role role, String text) {

  /** The speaker of a turn. */
  public enum Role {
    SYSTEM,
    USER,
    ASSISTANT
  }

  public ChatTurn {
    if (role == null) {
      throw new IllegalArgumentException("field \"role\" is missing");
    }
    if (text == null) {
      throw new IllegalArgumentException("field \"text\" of a " + role + " turn is missing");
    }
  }

  public static ChatTurn system(String text) {
    return new ChatTurn(Role.SYSTEM, text);
  }

  public static ChatTurn user(String text) {
    return new ChatTurn(Role.USER, text);
  }

  public static ChatTurn assistant(String text) {
    return new ChatTurn(Role.ASSISTANT, text);
  }
}
