package io.edgefleet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A fenced shell block of a Markdown file: {@code sh} / {@code bash} blocks hold commands (a line
 * ending in a backslash continues on the next); {@code console} blocks hold {@code $ command}
 * lines, each followed by the output it shows.
 *
 * @param line the line of the block's first command
 * @param console whether it is a console block (commands with their output)
 * @param commands its commands
 */
record DocBlock(int line, boolean console, List<Command> commands) {

  /**
   * A command and, in a console block, the output the docs show for it.
   *
   * @param line where it starts
   * @param text the command, continuation lines joined
   * @param expected the output shown, or null
   */
  record Command(int line, String text, String expected) {}

  /** The shell blocks of {@code file}, in order. */
  static List<DocBlock> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<DocBlock> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String fence = lines.get(i).strip();
      if (!fence.startsWith("```")) {
        continue;
      }
      String language = fence.substring(3).strip();
      int end = i + 1;
      while (end < lines.size() && !lines.get(end).strip().startsWith("```")) {
        end++;
      }
      List<String> body = lines.subList(i + 1, Math.min(end, lines.size()));
      if (language.equals("sh") || language.equals("bash")) {
        blocks.add(new DocBlock(i + 2, false, commands(body, i + 2)));
      } else if (language.equals("console")) {
        blocks.add(new DocBlock(i + 2, true, consoleCommands(body, i + 2)));
      }
      i = end;
    }
    return blocks;
  }

  private static List<Command> commands(List<String> body, int firstLine) {
    List<Command> commands = new ArrayList<>();
    StringBuilder current = null;
    int start = 0;
    for (int i = 0; i < body.size(); i++) {
      String line = body.get(i);
      if (current == null) {
        if (line.isBlank() || line.strip().startsWith("#")) {
          continue;
        }
        current = new StringBuilder();
        start = firstLine + i;
      }
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
      } else {
        current.append(line);
        commands.add(new Command(start, current.toString().strip(), null));
        current = null;
      }
    }
    return commands;
  }

  private static List<Command> consoleCommands(List<String> body, int firstLine) {
    List<Command> commands = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      if (!body.get(i).startsWith("$ ")) {
        continue;
      }
      int start = firstLine + i;
      StringBuilder text = new StringBuilder(body.get(i).substring(2));
      while (text.toString().endsWith("\\") && i + 1 < body.size()) {
        text.setLength(text.length() - 1);
        text.append(' ').append(body.get(++i).strip());
      }
      List<String> output = new ArrayList<>();
      while (i + 1 < body.size() && !body.get(i + 1).startsWith("$ ")) {
        output.add(body.get(++i));
      }
      commands.add(new Command(start, text.toString().strip(), String.join("\n", output)));
    }
    return commands;
  }

  /**
   * Output as compared with the docs: runs of spaces are one space (columns are aligned to their
   * content), ages such as {@code 12s} or {@code 3h} are {@code <age>}, trailing blank lines go.
   */
  static String normalize(String output) {
    return output
        .lines()
        .map(
            l ->
                l.strip()
                    .replaceAll("\\s+", " ")
                    .replaceAll("\\b\\d+(s|m|h|d)\\d*(s|m)?\\b", "<age>"))
        .collect(Collectors.joining("\n"))
        .strip();
  }
}
