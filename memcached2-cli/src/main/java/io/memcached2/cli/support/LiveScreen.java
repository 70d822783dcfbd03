package io.memcached2.cli.support;

import java.io.PrintStream;
import java.util.List;

/**
 * A block of lines redrawn in place on a terminal with ANSI escapes (no curses library): the cursor is hidden while
 * it draws, each frame moves up over the previous one and clears every line it rewrites, and {@link #close} shows
 * the cursor again below the last frame. Off a terminal each frame is printed as it is, below the previous one.
 */
public final class LiveScreen implements AutoCloseable {
    /** Hides the cursor. */
    public static final String HIDE_CURSOR = "\033[?25l";
    /** Shows the cursor. */
    public static final String SHOW_CURSOR = "\033[?25h";
    /** Clears the line the cursor is on. */
    public static final String CLEAR_LINE = "\033[2K";

    private final PrintStream out;
    private final boolean terminal;
    private int drawn;
    private boolean closed;

    /**
     * @param out where to draw
     * @param terminal whether {@code out} is a terminal that understands ANSI escapes
     */
    public LiveScreen(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** @return whether frames redraw in place */
    public boolean terminal() {
        return terminal;
    }

    /**
     * Draws one frame: over the previous one on a terminal, below it otherwise.
     *
     * @param lines the frame
     */
    public synchronized void draw(List<String> lines) {
        if (closed) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        if (terminal) {
            sb.append(drawn == 0 ? HIDE_CURSOR : "\r\033[" + drawn + "A");
            for (String line : lines) {
                sb.append(CLEAR_LINE).append(line).append('\n');
            }
            // A frame shorter than the last leaves stale lines below it: clear them (the cursor stays put).
            for (int i = lines.size(); i < drawn; i++) {
                sb.append(CLEAR_LINE).append('\n');
            }
            int stale = Math.max(0, drawn - lines.size());
            if (stale > 0) {
                sb.append("\033[").append(stale).append('A');
            }
            drawn = lines.size();
        } else {
            lines.forEach(line -> sb.append(line).append('\n'));
        }
        out.print(sb);
        out.flush();
    }

    /**
     * Removes the frame from a terminal (for a progress view whose report follows).
     */
    public synchronized void erase() {
        if (terminal && drawn > 0 && !closed) {
            StringBuilder sb = new StringBuilder("\r\033[" + drawn + "A");
            for (int i = 0; i < drawn; i++) {
                sb.append(CLEAR_LINE).append('\n');
            }
            sb.append("\033[").append(drawn).append('A');
            out.print(sb);
            drawn = 0;
        }
    }

    /** Shows the cursor again; the last frame stays on screen. Later frames are not drawn. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (terminal) {
            out.print(SHOW_CURSOR);
        }
        out.flush();
    }
}
