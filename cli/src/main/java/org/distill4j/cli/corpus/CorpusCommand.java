package org.distill4j.cli.corpus;

import picocli.CommandLine.Command;

/** Groups the commands that inspect corpus files. */
@Command(
    name = "corpus",
    mixinStandardHelpOptions = true,
    description = "Inspect corpus files (JSON Lines, one record per line).",
    subcommands = {ValidateCommand.class, StatsCommand.class})
public final class CorpusCommand {}
