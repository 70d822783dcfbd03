package io.memcached2.cli.support;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns: the first left-aligned, the others right-aligned (numbers). */
public final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    /** @param header the column titles */
    public Table(String... header) {
        this.columns = header.length;
        rows.add(header);
    }

    /**
     * @param cells one row; missing cells are blank
     * @return this table
     */
    public Table row(Object... cells) {
        String[] r = new String[columns];
        for (int i = 0; i < columns; i++) {
            r[i] = i < cells.length && cells[i] != null ? cells[i].toString() : "";
        }
        rows.add(r);
        return this;
    }

    /** Prints the table, each line indented by {@code indent} spaces. */
    public void print(PrintStream out, int indent) {
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        String pad = " ".repeat(indent);
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder(pad);
            for (int i = 0; i < columns; i++) {
                if (i > 0) {
                    sb.append("  ");
                }
                String fill = " ".repeat(width[i] - r[i].length());
                sb.append(i == 0 ? r[i] + fill : fill + r[i]);
            }
            out.println(sb.toString().stripTrailing());
        }
    }
}
