/** The {@code distill filter} and {@code distill critic} commands. */
package org.distill4j.cli.filter;
