/** The {@code distill generate} command and its progress display. */
package org.distill4j.cli.generate;
