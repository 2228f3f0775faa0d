package org.distill4j.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Turns Jackson's exceptions into one-line problems a user can act on. */
final class JacksonProblems {
  private JacksonProblems() {}

  static String describe(JsonProcessingException e) {
    String where = path(e);
    String what;
    if (e instanceof ValueInstantiationException vie && vie.getCause() != null) {
      // A compact constructor refused the value; its message already names the field.
      what = vie.getCause().getMessage();
    } else if (e instanceof UnrecognizedPropertyException upe) {
      String known =
          upe.getKnownPropertyIds() == null
              ? ""
              : new TreeSet<>(upe.getKnownPropertyIds().stream().map(String::valueOf).toList())
                  .stream().collect(Collectors.joining(", ", "; expected one of ", ""));
      what = "unknown field \"" + upe.getPropertyName() + "\"" + known;
      where = parentPath(upe);
    } else if (e instanceof InvalidTypeIdException ite) {
      what =
          ite.getTypeId() == null
              ? "field \"kind\" is missing; expected one of qa, rationale, comparative, triple"
              : "unknown kind \"" + ite.getTypeId()
                  + "\"; expected one of qa, rationale, comparative, triple";
    } else if (e instanceof DatabindException) {
      what = e.getOriginalMessage();
    } else {
      long column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
      what = "invalid JSON" + (column > 0 ? " at column " + column : "") + ": "
          + firstLine(e.getOriginalMessage());
    }
    return where.isEmpty() ? firstLine(what) : "in \"" + where + "\": " + firstLine(what);
  }

  private static String path(JsonProcessingException e) {
    return e instanceof JsonMappingException jme ? join(jme, jme.getPath().size()) : "";
  }

  private static String parentPath(JsonMappingException e) {
    return join(e, Math.max(0, e.getPath().size() - 1));
  }

  private static String join(JsonMappingException e, int size) {
    return YamlProblem.dotted(e.getPath().subList(0, size));
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable value";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
