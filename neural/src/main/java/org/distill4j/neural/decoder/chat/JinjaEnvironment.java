package org.distill4j.neural.decoder.chat;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.lib.tag.Tag;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import java.time.ZonedDateTime;
import jinjava.javax.el.CompositeELResolver;

/**
 * A Jinjava engine set up as transformers sets up Jinja2 for chat templates: {@code trim_blocks}
 * and {@code lstrip_blocks} on, the {@code raise_exception} and {@code strftime_now} functions, a
 * Python-style {@code tojson}, the {@code {% generation %}} block, and the Jinja2 behaviours
 * Jinjava keeps behind its legacy switches ({@code {{- x -}}} trimming, Python operator
 * precedence, Python-looking output of lists and dicts).
 */
final class JinjaEnvironment {
  private JinjaEnvironment() {}

  /** Thrown by {@code raise_exception(message)}; {@link ChatTemplate} turns it into its own error. */
  static final class TemplateRaised extends RuntimeException {
    TemplateRaised(String message) {
      super(message);
    }
  }

  static Jinjava create() {
    CompositeELResolver resolver = new CompositeELResolver();
    resolver.add(new PythonStringMethods());
    resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
    JinjavaConfig config = JinjavaConfig.newBuilder()
        .withTrimBlocks(true)
        .withLstripBlocks(true)
        .withElResolver(resolver)
        .withLegacyOverrides(LegacyOverrides.newBuilder()
            .withUseTrimmingForNotesAndExpressions(true)
            .withUseNaturalOperatorPrecedence(true)
            .withUsePyishObjectMapper(true)
            .withIterateOverMapKeys(true)
            .withEvaluateMapKeys(true)
            .withKeepNullableLoopValues(true)
            .build())
        .build();
    Jinjava jinja = new Jinjava(config);
    jinja.getGlobalContext().registerFunction(new ELFunctionDefinition(
        "", "raise_exception", JinjaEnvironment.class, "raiseException", String.class));
    jinja.getGlobalContext().registerFunction(new ELFunctionDefinition(
        "", "strftime_now", JinjaEnvironment.class, "strftimeNow", String.class));
    jinja.getGlobalContext().registerFilter(new PythonJsonFilter());
    jinja.getGlobalContext().registerTag(new GenerationTag());
    return jinja;
  }

  /** {@code raise_exception(message)}: the template refuses the conversation. */
  public static String raiseException(String message) {
    throw new TemplateRaised(message);
  }

  /** {@code strftime_now(format)}: the local time now, formatted as Python's strftime. */
  public static String strftimeNow(String format) {
    return Strftime.format(format, ZonedDateTime.now());
  }

  /**
   * {@code {% generation %}…{% endgeneration %}}, transformers' marker around assistant text. It
   * renders its body unchanged; the loss mask comes from prefix rendering, not from this marker.
   */
  static final class GenerationTag implements Tag {
    @Override
    public String getName() {
      return "generation";
    }

    @Override
    public String interpret(TagNode tagNode, JinjavaInterpreter interpreter) {
      StringBuilder out = new StringBuilder();
      for (Node child : tagNode.getChildren()) {
        out.append(child.render(interpreter).getValue());
      }
      return out.toString();
    }
  }
}
