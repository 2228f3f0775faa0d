package org.distill4j.cli.options;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Range checks for numeric options, as picocli converters: picocli names the option in the
 * error ({@code Invalid value for option '--limit': must be 0 or more, found -3}) and exits with
 * the usage status 2, before the command runs. Integer converters return {@code Integer}, which
 * also fills {@code long} fields.
 */
public final class OptionRanges {
  private OptionRanges() {}

  /** A count that must be at least 1: concurrency, epochs, batch sizes. */
  public static final class AtLeastOne implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return atLeast(value, 1);
    }
  }

  /** A count where 0 has a meaning (all, none, off) and a negative one has none. */
  public static final class ZeroOrMore implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return atLeast(value, 0);
    }
  }

  /** A TCP port; 0 lets the system pick a free one. */
  public static final class Port implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int port = atLeast(value, 0);
      if (port > 65535) {
        throw new TypeConversionException("must be a port from 0 to 65535, found " + value);
      }
      return port;
    }
  }

  /** A finite number above 0: seconds, rates, step sizes. */
  public static final class AboveZero implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      double d = finite(value);
      if (!(d > 0)) {
        throw new TypeConversionException("must be above 0, found " + value);
      }
      return d;
    }
  }

  /** A finite number, 0 or more; 0 often means no limit. */
  public static final class ZeroOrAbove implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      double d = finite(value);
      if (d < 0) {
        throw new TypeConversionException("must be 0 or more, found " + value);
      }
      return d;
    }
  }

  /** A share from 0 to 1: precision, recall. */
  public static final class Fraction implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      double d = finite(value);
      if (d < 0 || d > 1) {
        throw new TypeConversionException("must be from 0 to 1, found " + value);
      }
      return d;
    }
  }

  /** Any finite number: a threshold on a score. */
  public static final class Finite implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      return finite(value);
    }
  }

  private static int atLeast(String value, int min) {
    int n;
    try {
      n = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("must be a whole number, found '" + value + "'");
    }
    if (n < min) {
      throw new TypeConversionException("must be " + (min == 0 ? "0 or more" : "at least " + min)
          + ", found " + value);
    }
    return n;
  }

  private static double finite(String value) {
    double d;
    try {
      d = Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("must be a number, found '" + value + "'");
    }
    if (!Double.isFinite(d)) {
      throw new TypeConversionException("must be a finite number, found " + value);
    }
    return d;
  }
}
