package org.distill4j.export.split;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The named splits and their shares, e.g. {@code train=0.9,validation=0.05,test=0.05}.
 *
 * @param splits in the order given; shares are above 0 and sum to 1
 */
public record SplitPlan(List<Split> splits) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final double TOLERANCE = 1e-6;

  /**
   * One split.
   *
   * @param name e.g. {@code train}; {@code dev} is read as {@code validation}, the name Hugging
   *     Face tools expect
   * @param share the fraction of groups it gets
   */
  public record Split(String name, double share) {}

  public SplitPlan {
    if (splits == null || splits.isEmpty()) {
      throw new IllegalArgumentException("a split plan needs at least one split");
    }
    splits = List.copyOf(splits);
    Set<String> names = new HashSet<>();
    double sum = 0;
    for (Split s : splits) {
      if (!NAME.matcher(s.name()).matches()) {
        throw new IllegalArgumentException("split name \"" + s.name() + "\" must be lower-case"
            + " letters, digits or _ (like train, validation, test)");
      }
      if (!names.add(s.name())) {
        throw new IllegalArgumentException("split \"" + s.name() + "\" is named twice");
      }
      if (!(s.share() > 0) || s.share() > 1) {
        throw new IllegalArgumentException("split \"" + s.name() + "\" must get a share in (0, 1],"
            + " found " + s.share());
      }
      sum += s.share();
    }
    if (Math.abs(sum - 1) > TOLERANCE) {
      throw new IllegalArgumentException("split shares must add up to 1, found " + sum);
    }
  }

  /** Everything in one split named {@code train}. */
  public static SplitPlan trainOnly() {
    return new SplitPlan(List.of(new Split("train", 1.0)));
  }

  /** Parses {@code train=0.9,validation=0.05,test=0.05}; {@code dev} means validation. */
  public static SplitPlan parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty split plan; expected e.g."
          + " train=0.9,validation=0.05,test=0.05");
    }
    List<Split> splits = new ArrayList<>();
    for (String part : text.split(",")) {
      String[] kv = part.split("=", -1);
      if (kv.length != 2) {
        throw new IllegalArgumentException("split \"" + part.strip() + "\" must be NAME=SHARE,"
            + " e.g. train=0.9");
      }
      String name = kv[0].strip().toLowerCase(Locale.ROOT);
      name = name.equals("dev") ? "validation" : name;
      try {
        splits.add(new Split(name, Double.parseDouble(kv[1].strip())));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("split \"" + name + "\" has share \"" + kv[1].strip()
            + "\", which is not a number");
      }
    }
    return new SplitPlan(splits);
  }

  /** The split names, in order. */
  public List<String> names() {
    return splits.stream().map(Split::name).toList();
  }

  /** True when there is more than one split. */
  public boolean isSplit() {
    return splits.size() > 1;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (Split s : splits) {
      b.append(b.isEmpty() ? "" : ",").append(s.name()).append('=').append(s.share());
    }
    return b.toString();
  }
}
