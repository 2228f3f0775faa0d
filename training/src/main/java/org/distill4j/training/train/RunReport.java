package org.distill4j.training.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The final report of a run, written to {@code report.json}.
 *
 * @param student generative, scorer or encoder
 * @param trainExamples examples trained on
 * @param devExamples examples in the dev set
 * @param skippedRejected corpus records left out because a filter had rejected them
 * @param epochsRun epochs completed, counting those before a resume
 * @param resumedFromEpoch the checkpoint epoch this invocation resumed from; 0 for a fresh run
 * @param bestEpoch the epoch with the lowest dev loss (the encoder student: the best dev metric)
 * @param bestDevLoss that loss
 * @param metric the dev metric's name
 * @param bestDevMetric the dev metric at the best epoch
 * @param stoppedEarly whether early stopping ended the run
 * @param bestCheckpoint the folder of the best checkpoint (the encoder student: its model folder)
 * @param notRestored what a resume cannot restore, in words
 * @param history every epoch's metrics
 */
public record RunReport(
    String student,
    @JsonProperty("train_examples") int trainExamples,
    @JsonProperty("dev_examples") int devExamples,
    @JsonProperty("skipped_rejected") long skippedRejected,
    @JsonProperty("epochs_run") int epochsRun,
    @JsonProperty("resumed_from_epoch") int resumedFromEpoch,
    @JsonProperty("best_epoch") int bestEpoch,
    @JsonProperty("best_dev_loss") double bestDevLoss,
    String metric,
    @JsonProperty("best_dev_metric") double bestDevMetric,
    @JsonProperty("stopped_early") boolean stoppedEarly,
    @JsonProperty("best_checkpoint") String bestCheckpoint,
    @JsonProperty("not_restored") List<String> notRestored,
    List<EpochMetrics> history) {}
