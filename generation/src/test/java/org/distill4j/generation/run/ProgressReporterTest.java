package org.distill4j.generation.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The rate a progress report gives, from which the command line works out its ETA. */
class ProgressReporterTest {

  @Test
  void theRateCountsFromTheStartOfTheRequestByRequestPassNotFromTheBatchWait() {
    List<Progress> seen = new ArrayList<>();
    // The run began ten minutes ago; a batch phase answered 40 requests and waited all along.
    long tenMinutesAgo = System.nanoTime() - TimeUnit.MINUTES.toNanos(10);
    ProgressReporter reporter = new ProgressReporter(seen::add, tenMinutesAgo, 100);
    RunTally tally = new RunTally();
    reporter.follow(tally, null);
    tally.requests.addAndGet(40);

    reporter.startPass();
    tally.requests.addAndGet(20);
    reporter.report(true);

    Progress p = seen.get(seen.size() - 1);
    assertThat(p.doneRequests()).isEqualTo(60);
    assertThat(p.elapsedMillis()).isGreaterThanOrEqualTo(TimeUnit.MINUTES.toMillis(10));
    // Over the whole run it would be 60 in 600 s, 0.1 a second, and the ETA 400 s. The pass
    // did 20 in the moment since it began: far more than one a second on any machine that
    // reaches this line within 20 seconds.
    assertThat(p.requestsPerSecond()).isGreaterThan(1.0);
  }

  @Test
  void withoutAPassMarkTheRateIsOverTheWholeRun() {
    List<Progress> seen = new ArrayList<>();
    long tenMinutesAgo = System.nanoTime() - TimeUnit.MINUTES.toNanos(10);
    ProgressReporter reporter = new ProgressReporter(seen::add, tenMinutesAgo, 100);
    RunTally tally = new RunTally();
    reporter.follow(tally, null);
    tally.requests.addAndGet(60);
    reporter.report(true);

    assertThat(seen.get(0).requestsPerSecond()).isBetween(0.09, 0.1);
  }
}
