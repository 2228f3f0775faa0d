package org.distill4j.spark;

import org.apache.spark.sql.SparkSession;

/** The one local Spark session the tests of this module share (starting one takes seconds). */
public final class SparkSessions {
  private static SparkSession session;

  private SparkSessions() {}

  /**
   * {@code local[2,3]}: two executor threads, like {@code local[2]}, and a task may fail twice
   * before the job does (plain {@code local[N]} never retries a task). No UI, few shuffle
   * partitions: a test job is small.
   */
  public static synchronized SparkSession local() {
    // A job's main closes its session when done; the next test gets a new one.
    if (session == null || session.sparkContext().isStopped()) {
      session = SparkSession.builder().master("local[2,3]").appName("distill4j-test")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.driver.host", "127.0.0.1")
          .getOrCreate();
    }
    return session;
  }
}
