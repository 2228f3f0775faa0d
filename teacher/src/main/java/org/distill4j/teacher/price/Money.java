package org.distill4j.teacher.price;

import java.util.Locale;

/** Amounts of money as the reports print them. */
public final class Money {
  private Money() {}

  /**
   * {@code amount currency} with enough decimals to see small runs: 6 below a cent, 4 below one
   * unit, 2 above, e.g. {@code 0.000450 USD}, {@code 0.0123 USD}, {@code 12.40 USD}.
   */
  public static String format(double amount, String currency) {
    double abs = Math.abs(amount);
    String pattern = abs == 0 ? "%.2f" : abs < 0.01 ? "%.6f" : abs < 1 ? "%.4f" : "%.2f";
    return String.format(Locale.ROOT, pattern, amount) + " " + currency;
  }
}
