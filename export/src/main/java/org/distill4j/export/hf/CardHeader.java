package org.distill4j.export.hf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.distill4j.core.knowledge.KnowledgeKind;
import org.distill4j.export.schema.Column;

/**
 * The YAML metadata at the top of a dataset card, in the keys the Hugging Face Hub reads:
 * {@code license}, {@code pretty_name}, {@code size_categories}, {@code tags}, {@code configs}
 * (each config's {@code data_files}: a split and a path pattern) and {@code dataset_info}
 * (each config's {@code features}, name and type, and {@code splits}, name and
 * {@code num_examples}). With one config {@code dataset_info} is a mapping; with several it is a
 * list with a {@code config_name} in each entry.
 */
final class CardHeader {
  /** A licence id as the Hub spells them: lower case, digits, dots, dashes, plus. */
  private static final Pattern LICENSE_ID = Pattern.compile("[a-z0-9][a-z0-9.+-]*");
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
      .build();

  private CardHeader() {}

  /** The header, between its {@code ---} lines. */
  static String yaml(CardFacts facts) {
    Map<String, Object> header = new LinkedHashMap<>();
    license(facts.license(), header);
    header.put("pretty_name", facts.title());
    header.put("size_categories", List.of(sizeCategory(facts.survey().exported())));
    header.put("tags", List.of("distill4j", "synthetic", "knowledge-distillation"));
    List<Map<String, Object>> configs = new ArrayList<>();
    List<Map<String, Object>> infos = new ArrayList<>();
    for (KnowledgeKind kind : facts.survey().kinds()) {
      configs.add(config(facts, kind));
      infos.add(info(facts, kind));
    }
    header.put("configs", configs);
    if (infos.size() == 1) {
      Map<String, Object> only = infos.get(0);
      only.remove("config_name");
      header.put("dataset_info", only);
    } else {
      header.put("dataset_info", infos);
    }
    try {
      return "---\n" + YAML.writeValueAsString(header) + "---\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a card header of plain maps always serialises", e);
    }
  }

  /**
   * {@code license: unknown} when the user named none, never a guess; a Hub licence id as given;
   * anything else as {@code other} with a {@code license_name}, as the card spec asks.
   */
  private static void license(String license, Map<String, Object> header) {
    if (license == null || license.isBlank()) {
      header.put("license", "unknown");
    } else if (LICENSE_ID.matcher(license.strip()).matches()) {
      header.put("license", license.strip());
    } else {
      header.put("license", "other");
      header.put("license_name", license.strip().toLowerCase(java.util.Locale.ROOT)
          .replaceAll("[^a-z0-9.]+", "-").replaceAll("^-+|-+$", ""));
    }
  }

  private static Map<String, Object> config(CardFacts facts, KnowledgeKind kind) {
    List<Map<String, Object>> files = new ArrayList<>();
    for (String split : facts.splitsWithRows(kind)) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("split", split);
      f.put("path", facts.layout().pattern(kind, split));
      files.add(f);
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("config_name", facts.layout().config(kind));
    config.put("data_files", files);
    return config;
  }

  private static Map<String, Object> info(CardFacts facts, KnowledgeKind kind) {
    List<Map<String, Object>> features = new ArrayList<>();
    for (Column c : facts.schemas().get(kind).columns()) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("name", c.name());
      f.putAll(c.type().hfFeature());
      features.add(f);
    }
    List<Map<String, Object>> splits = new ArrayList<>();
    for (String split : facts.splitsWithRows(kind)) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("name", split);
      s.put("num_examples", facts.survey().rows(kind, split));
      splits.add(s);
    }
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("config_name", facts.layout().config(kind));
    info.put("features", features);
    info.put("splits", splits);
    return info;
  }

  /** The Hub's size buckets. */
  static String sizeCategory(long n) {
    String[] buckets = {"n<1K", "1K<n<10K", "10K<n<100K", "100K<n<1M", "1M<n<10M", "10M<n<100M",
        "100M<n<1B", "1B<n<10B", "10B<n<100B", "100B<n<1T", "n>1T"};
    int i = 0;
    for (long limit = 1000; n >= limit && i < buckets.length - 1; limit *= 10) {
      i++;
    }
    return buckets[i];
  }
}
