package org.distill4j.generation.run;

/**
 * The generation stage's own names for its settings, as a {@code SettingException} carries them.
 * The teacher's are the teacher config's YAML keys; each front end maps every name to its own
 * spelling (a flag, a pipeline key).
 */
public final class SettingNames {
  public static final String RECIPE = "recipe";
  public static final String SEEDS = "seeds";
  public static final String SEED_FORMAT = "seed_format";
  public static final String FIELDS = "fields";
  public static final String OUT = "out";
  public static final String CACHE = "cache";
  public static final String CONCURRENCY = "concurrency";
  public static final String SAMPLES = "samples";
  public static final String LIMIT = "limit";
  public static final String RPM = "rpm";
  public static final String TPM = "tpm";
  public static final String MAX_ATTEMPTS = "max_attempts";
  public static final String BATCH = "batch";
  public static final String BATCH_POLL_SECONDS = "batch_poll_seconds";
  public static final String PROVIDER = "provider";
  public static final String MODEL = "model";
  public static final String BASE_URL = "base_url";
  public static final String API_KEY_ENV = "api_key_env";
  public static final String TIMEOUT_SECONDS = "timeout_seconds";
  public static final String PRICES = "prices";
  public static final String MAX_COST = "max_cost";
  public static final String TOKENIZER = "tokenizer";

  private SettingNames() {}
}
