/** The {@code distill train} and {@code distill eval} commands. */
package org.distill4j.cli.train;
