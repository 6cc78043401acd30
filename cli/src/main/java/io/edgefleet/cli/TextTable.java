package io.edgefleet.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table for terminals: columns padded to their widest cell, two spaces apart. */
public final class TextTable {

  private final List<String[]> rows = new ArrayList<>();

  /** A table with these column headers. */
  public TextTable(String... headers) {
    rows.add(headers);
  }

  /** Adds a row (as many cells as headers). */
  public TextTable row(String... cells) {
    if (cells.length != rows.get(0).length) {
      throw new IllegalArgumentException(
          "a row of " + cells.length + " cells in a table of " + rows.get(0).length + " columns");
    }
    rows.add(cells);
    return this;
  }

  /** The table, one line per row, each ending with a newline. */
  public String render() {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(row[i]);
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - row[i].length() + 2));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
