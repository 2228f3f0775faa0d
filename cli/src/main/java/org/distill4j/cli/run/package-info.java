/** The {@code distill run} command: one pipeline file, every stage, resumable. */
package org.distill4j.cli.run;
