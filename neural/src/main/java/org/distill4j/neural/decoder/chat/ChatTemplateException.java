package org.distill4j.neural.decoder.chat;

import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SourceLocation;

/**
 * A chat template could not render a conversation: the template called
 * {@code raise_exception(...)} (it refuses the conversation, e.g. roles that do not alternate),
 * or it has an error of its own. The message names the file that holds the template.
 */
public class ChatTemplateException extends InputException {
  private final boolean raisedByTemplate;

  ChatTemplateException(SourceLocation location, String problem, boolean raisedByTemplate,
      Throwable cause) {
    super(location, problem, cause);
    this.raisedByTemplate = raisedByTemplate;
  }

  /**
   * True when the template itself refused the conversation through {@code raise_exception}; the
   * conversation is what is wrong, so a caller may skip it and go on. False for a broken template.
   */
  public boolean raisedByTemplate() {
    return raisedByTemplate;
  }
}
