package org.distill4j.export.parquet;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.export.schema.Column;
import org.distill4j.export.schema.ColumnType;
import org.distill4j.export.schema.ExportSchema;

/**
 * Turns corpus records into Parquet rows of an {@link ExportSchema}: each column's value goes
 * straight to parquet-java's record consumer, with no intermediate row object.
 */
final class RecordWriteSupport extends WriteSupport<CorpusRecord> {
  private static final String LIST = "list";
  private static final String ELEMENT = "element";

  private final ExportSchema schema;
  private final List<Column> columns;
  private final MessageType messageType;
  private final Map<String, String> metadata;
  private RecordConsumer out;

  RecordWriteSupport(ExportSchema schema, Map<String, String> metadata) {
    this.schema = schema;
    this.columns = schema.columns();
    this.messageType = messageType(schema);
    this.metadata = Map.copyOf(metadata);
  }

  /** The Parquet schema of {@code schema}: lists as standard three-level LIST groups. */
  static MessageType messageType(ExportSchema schema) {
    Types.MessageTypeBuilder message = Types.buildMessage();
    for (Column c : schema.columns()) {
      message.addField(type(c));
    }
    return message.named("distill4j_" + schema.kind().id());
  }

  private static Type type(Column c) {
    Repetition repetition = c.required() ? Repetition.REQUIRED : Repetition.OPTIONAL;
    return switch (c.type()) {
      case STRING -> Types.primitive(PrimitiveTypeName.BINARY, repetition)
          .as(LogicalTypeAnnotation.stringType()).named(c.name());
      case STRING_LIST -> Types.list(repetition).requiredElement(PrimitiveTypeName.BINARY)
          .as(LogicalTypeAnnotation.stringType()).named(c.name());
      case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(c.name());
      case INT32 -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(c.name());
      case INT64 -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(c.name());
      case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(c.name());
      case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, repetition)
          .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS))
          .named(c.name());
    };
  }

  @Override
  public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
    // Required by the abstract class; parquet-java calls the ParquetConfiguration form below.
    return new WriteContext(messageType, metadata);
  }

  @Override
  public WriteContext init(ParquetConfiguration configuration) {
    return new WriteContext(messageType, metadata);
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.out = recordConsumer;
  }

  @Override
  public void write(CorpusRecord record) {
    schema.check(record);
    out.startMessage();
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      Object value = c.value().apply(record);
      if (value == null) {
        if (c.required()) {
          throw new IllegalArgumentException("record " + record.id() + " has no value for the"
              + " required column " + c.name());
        }
        continue;
      }
      out.startField(c.name(), i);
      writeValue(c.type(), value);
      out.endField(c.name(), i);
    }
    out.endMessage();
  }

  private void writeValue(ColumnType type, Object value) {
    switch (type) {
      case STRING -> out.addBinary(Binary.fromString((String) value));
      case STRING_LIST -> writeList((List<?>) value);
      case BOOLEAN -> out.addBoolean((Boolean) value);
      case INT32 -> out.addInteger((Integer) value);
      case INT64 -> out.addLong((Long) value);
      case DOUBLE -> out.addDouble((Double) value);
      case TIMESTAMP -> out.addLong(micros((Instant) value));
    }
  }

  private void writeList(List<?> values) {
    out.startGroup();
    if (!values.isEmpty()) {
      out.startField(LIST, 0);
      for (Object v : values) {
        out.startGroup();
        out.startField(ELEMENT, 0);
        out.addBinary(Binary.fromString((String) v));
        out.endField(ELEMENT, 0);
        out.endGroup();
      }
      out.endField(LIST, 0);
    }
    out.endGroup();
  }

  /** Microseconds since the epoch; sub-microsecond digits are dropped (Parquet MICROS). */
  static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }
}
