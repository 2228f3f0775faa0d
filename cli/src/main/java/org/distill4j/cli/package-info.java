/**
 * The {@code distill} command line: {@link org.distill4j.cli.Main} and the root command. Each
 * sub-package holds the commands of one stage; a command only translates its flags into the
 * stage's settings, calls the stage's one entry point and prints. May import every module.
 */
package org.distill4j.cli;
