/**
 * What every command of the {@code distill} command line shares: range-checked option converters
 * ({@link org.distill4j.cli.options.OptionRanges}), exit codes, and
 * {@link org.distill4j.cli.options.SettingSpelling}, through which a command prints a stage's
 * setting as the flag the user typed. It sits below the command packages and {@code Main} so
 * that none of them imports another: may import core and picocli only.
 */
package org.distill4j.cli.options;
