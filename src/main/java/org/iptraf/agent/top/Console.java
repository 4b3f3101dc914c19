package org.iptraf.agent.top;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.iptraf.agent.check.SnmpSource.SnmpFailure;
import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

/**
 * The full-screen loop on the system terminal (JLine): read the screen every {@code delay}, draw it
 * (JLine's Display sends only what changed), and answer keys at once. Resizes are picked up from
 * SIGWINCH; the terminal's modes are restored on the way out, whatever ends the loop.
 */
final class Console {

  private enum Op {
    CHAR,
    UP,
    DOWN,
    PAGE_UP,
    PAGE_DOWN,
    HOME,
    LEFT,
    RIGHT,
    ENTER,
    ESCAPE,
    BACKSPACE,
    QUIT
  }

  /** Longest wait for a key before looking at the clock and the window size again. */
  private static final long SLICE_MILLIS = 100;

  private final Fetch fetch;
  private final View view;
  private final String where;
  private final long delayMillis;
  private final boolean colour;
  private final AtomicBoolean resized = new AtomicBoolean();
  private final AtomicBoolean quit = new AtomicBoolean();

  Console(Fetch fetch, View view, String where, long delayMillis, boolean colour) {
    this.fetch = fetch;
    this.view = view;
    this.where = where;
    this.delayMillis = Math.max(100, delayMillis);
    this.colour = colour;
  }

  void run() throws IOException {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      Attributes saved = terminal.enterRawMode();
      terminal.handle(Terminal.Signal.WINCH, s -> resized.set(true));
      terminal.handle(Terminal.Signal.INT, s -> quit.set(true));
      terminal.puts(Capability.enter_ca_mode);
      terminal.puts(Capability.keypad_xmit);
      terminal.puts(Capability.cursor_invisible);
      terminal.flush();
      try {
        loop(terminal);
      } finally {
        terminal.puts(Capability.cursor_visible);
        terminal.puts(Capability.keypad_local);
        terminal.puts(Capability.exit_ca_mode);
        terminal.flush();
        terminal.setAttributes(saved);
      }
    }
  }

  private void loop(Terminal terminal) throws IOException {
    Display display = new Display(terminal, true);
    Size size = terminal.getSize();
    display.resize(size.getRows(), size.getColumns());
    BindingReader keys = new BindingReader(terminal.reader());
    KeyMap<Op> map = keyMap(terminal);
    Table table = new Table("", List.of());
    String error = null;
    long nextRead = 0;
    while (!quit.get()) {
      if (resized.getAndSet(false)) {
        size = terminal.getSize();
        display.clear();
        display.resize(size.getRows(), size.getColumns());
        nextRead = 0; // as many rows as now fit
      }
      int rows = Math.max(4, size.getRows());
      int columns = Math.max(20, size.getColumns());
      long now = System.nanoTime();
      if (!view.paused && now - nextRead >= 0) {
        try {
          table = fetch.read(view, rows);
          error = null;
          if (pastTheEnd(table)) {
            continue; // scrolled beyond the last row: read again from the last one
          }
        } catch (SnmpFailure e) {
          error = e.getMessage(); // keep the last screen and try again at the next tick
        }
        nextRead = System.nanoTime() + delayMillis * 1_000_000;
      }
      display.update(draw(table, error, columns, rows), -1);
      terminal.flush();
      long wait = Math.min(SLICE_MILLIS, Math.max(1, (nextRead - System.nanoTime()) / 1_000_000));
      int c = keys.peekCharacter(view.paused ? SLICE_MILLIS : wait);
      if (c == NonBlockingReader.READ_EXPIRED) {
        continue;
      }
      if (c == NonBlockingReader.EOF) {
        return;
      }
      Op op = keys.readBinding(map);
      if (op != null && key(op, keys.getLastBinding(), rows)) {
        nextRead = 0; // what is shown changed: read it now
      }
    }
  }

  /** Moves the scroll back to the last row when it went past it; true if it moved. */
  private boolean pastTheEnd(Table table) {
    long total = table.sections().isEmpty() ? -1 : table.sections().get(0).total();
    if (total < 0 || view.offset < total || view.offset == 0 || !view.filter.isEmpty()) {
      return false;
    }
    view.offset = (int) Math.max(0, total - 1);
    return true;
  }

  private List<AttributedString> draw(Table table, String error, int columns, int rows) {
    List<AttributedString> lines = new ArrayList<>();
    for (Layout.Line l : Layout.render(table, view, where, error, columns, rows)) {
      AttributedStyle style =
          !colour
              ? AttributedStyle.DEFAULT
              : switch (l.style()) {
                case TITLE, FOOTER -> AttributedStyle.INVERSE;
                case HEADING -> AttributedStyle.BOLD;
                case HEADER -> AttributedStyle.DEFAULT.underline();
                case BODY -> AttributedStyle.DEFAULT;
              };
      lines.add(new AttributedString(l.text(), style));
    }
    return lines;
  }

  /** Acts on a key; true when the rows to read changed. */
  private boolean key(Op op, String typed, int rows) {
    int page = Math.max(1, Layout.capacity(view.screen, rows, view.screen == Screen.IP ? 2 : 1));
    if (view.editingFilter) {
      switch (op) {
        case ENTER -> view.editingFilter = false;
        case ESCAPE -> {
          view.editingFilter = false;
          view.filter = "";
        }
        case BACKSPACE ->
            view.filter =
                view.filter.isEmpty() ? "" : view.filter.substring(0, view.filter.length() - 1);
        case CHAR -> view.filter += typed.toLowerCase(java.util.Locale.ROOT);
        case QUIT -> quit.set(true);
        default -> {
          return false;
        }
      }
      view.offset = 0;
      return true;
    }
    switch (op) {
      case QUIT -> quit.set(true);
      case UP -> view.offset = Math.max(0, view.offset - 1);
      case DOWN -> view.offset++;
      case PAGE_UP -> view.offset = Math.max(0, view.offset - page);
      case PAGE_DOWN -> view.offset += page;
      case HOME -> view.offset = 0;
      case LEFT -> view.interfacePosition--;
      case RIGHT -> view.interfacePosition++;
      case ESCAPE -> view.filter = "";
      case CHAR -> {
        return typed(typed.isEmpty() ? 0 : typed.charAt(0));
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  private boolean typed(char c) {
    Screen s = Screen.ofKey(c);
    if (s != null) {
      view.screen = s;
      view.offset = 0;
      return true;
    }
    switch (c) {
      case 'q', 'Q' -> quit.set(true);
      case '/' -> {
        view.editingFilter = true;
        view.filter = "";
      }
      case ' ' -> view.paused = !view.paused;
      case 'o' -> {
        view.order = view.order % 3 + 1;
        view.offset = 0;
      }
      case 'n', '\t' -> view.interfacePosition++;
      case 'N' -> view.interfacePosition--;
      default -> {
        return false;
      }
    }
    return true;
  }

  private static KeyMap<Op> keyMap(Terminal terminal) {
    KeyMap<Op> m = new KeyMap<>();
    for (char c = ' '; c < 127; c++) {
      m.bind(Op.CHAR, Character.toString(c));
    }
    m.bind(Op.CHAR, "\t");
    m.bind(Op.QUIT, KeyMap.ctrl('C'));
    m.bind(Op.ENTER, "\r", "\n");
    m.bind(Op.BACKSPACE, "\177", KeyMap.ctrl('H'));
    m.bind(Op.ESCAPE, KeyMap.esc());
    bind(m, terminal, Op.UP, Capability.key_up, "\033[A", "\033OA");
    bind(m, terminal, Op.DOWN, Capability.key_down, "\033[B", "\033OB");
    bind(m, terminal, Op.RIGHT, Capability.key_right, "\033[C", "\033OC");
    bind(m, terminal, Op.LEFT, Capability.key_left, "\033[D", "\033OD");
    bind(m, terminal, Op.PAGE_UP, Capability.key_ppage, "\033[5~");
    bind(m, terminal, Op.PAGE_DOWN, Capability.key_npage, "\033[6~");
    bind(m, terminal, Op.HOME, Capability.key_home, "\033[H", "\033[1~", "\033OH");
    m.setAmbiguousTimeout(200);
    return m;
  }

  private static void bind(
      KeyMap<Op> m, Terminal terminal, Op op, Capability capability, String... sequences) {
    String fromTerminfo = KeyMap.key(terminal, capability);
    if (fromTerminfo != null && !fromTerminfo.isEmpty()) {
      m.bind(op, fromTerminfo);
    }
    m.bind(op, sequences);
  }
}
