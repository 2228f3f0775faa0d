package org.distill4j.generation.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads items from a JSON reply: an array of objects, an object holding one such array (e.g.
 * {@code {"inferences": [...]}}), or a single object. Array elements that are plain strings
 * become items with the one field {@code item}.
 */
public final class JsonItemReader implements ItemReader {

  @Override
  public ReplyItems read(String text) {
    LenientJson.Found found = LenientJson.find(text);
    if (found.value() == null) {
      return ReplyItems.failed(found.problem());
    }
    JsonNode root = found.value();
    JsonNode array = root.isArray() ? root : singleArrayField(root);
    List<Map<String, Object>> items = new ArrayList<>();
    List<Fragment> dropped = new ArrayList<>();
    if (array == null) {
      items.add(fields(root));
    } else {
      for (JsonNode el : array) {
        if (el.isObject()) {
          items.add(fields(el));
        } else if (el.isTextual() || el.isNumber()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("item", el.asText());
          items.add(m);
        } else {
          dropped.add(new Fragment(el.toString(), "array element is neither an object nor text"));
        }
      }
    }
    if (items.isEmpty() && dropped.isEmpty()) {
      return ReplyItems.failed("the JSON holds no items");
    }
    return new ReplyItems(items, dropped, null);
  }

  private static JsonNode singleArrayField(JsonNode obj) {
    JsonNode only = null;
    for (Iterator<JsonNode> it = obj.elements(); it.hasNext(); ) {
      JsonNode v = it.next();
      if (v.isArray() && v.size() > 0 && (v.get(0).isObject() || obj.size() == 1)) {
        if (only != null) {
          return null;
        }
        only = v;
      }
    }
    return only;
  }

  private static Map<String, Object> fields(JsonNode obj) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v.isArray()) {
        List<String> list = new ArrayList<>();
        for (JsonNode x : v) {
          list.add(x.isTextual() ? x.asText() : x.toString());
        }
        m.put(e.getKey(), list);
      } else if (!v.isNull()) {
        m.put(e.getKey(), v.isTextual() ? v.asText() : v.toString());
      }
    }
    return m;
  }
}
