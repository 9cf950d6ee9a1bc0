package org.livingcircle.publish.postgis;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns driver and server errors into the one-line reasons used in {@code PublishException}
 * messages.
 */
final class PgErrors {
  private PgErrors() {}

  /**
   * The deepest SQL error in the cause chain of {@code e} as one line, e.g. {@code could not create
   * unique index "facilities_pkey" (Key (poi_id)=(p7) is duplicated.)}; else the deepest message.
   * Spark wraps executor failures in {@code SparkException}s, so the chain is walked to its end.
   */
  static String reason(Throwable e) {
    Throwable deepestSql = null;
    Throwable deepest = e;
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException) {
        deepestSql = t;
      }
      deepest = t;
    }
    Throwable chosen = deepestSql != null ? deepestSql : deepest;
    if (chosen instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
      ServerErrorMessage server = psql.getServerErrorMessage();
      String detail = server.getDetail();
      String where = server.getWhere();
      return oneLine(
          server.getMessage()
              + (detail != null ? " (" + detail + ")" : "")
              + (where != null && where.startsWith("COPY") ? " [" + where + "]" : ""));
    }
    String message = chosen.getMessage();
    return oneLine(message != null ? message : chosen.getClass().getSimpleName());
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\R\\s*", "; ").strip();
  }
}
