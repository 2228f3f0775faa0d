package org.distill4j.export;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DuckDB over JDBC: an independent Parquet reader (C++, not parquet-java) for the tests. */
final class Duck {
  private Duck() {}

  /** Every row of {@code sql}, each as a list of column values. */
  static List<List<Object>> rows(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      List<List<Object>> out = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          row.add(v instanceof java.sql.Array a ? List.of((Object[]) a.getArray()) : v);
        }
        out.add(row);
      }
      return out;
    }
  }

  /** The one value {@code sql} returns. */
  static Object value(String sql) throws SQLException {
    return rows(sql).get(0).get(0);
  }

  /** Column name to DuckDB type of a Parquet file, in file order. */
  static Map<String, String> columns(Path parquet) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    for (List<Object> row : rows("DESCRIBE SELECT * FROM read_parquet('" + parquet + "')")) {
      out.put((String) row.get(0), (String) row.get(1));
    }
    return out;
  }

  /** The Hugging Face feature type a DuckDB column type stands for (Arrow in between). */
  static Map<String, String> hfFeature(String duckType) {
    return switch (duckType) {
      case "VARCHAR" -> Map.of("dtype", "string");
      case "VARCHAR[]" -> Map.of("sequence", "string");
      case "BOOLEAN" -> Map.of("dtype", "bool");
      case "INTEGER" -> Map.of("dtype", "int32");
      case "BIGINT" -> Map.of("dtype", "int64");
      case "DOUBLE" -> Map.of("dtype", "float64");
      case "TIMESTAMP WITH TIME ZONE" -> Map.of("dtype", "timestamp[us, tz=UTC]");
      default -> throw new IllegalArgumentException("unexpected column type " + duckType);
    };
  }
}
