package org.ntplab.course;

/**
 * Java (or JShell) source reduced to what the compiler reads: comments gone, whitespace outside
 * literals gone. Two files that differ only in comments, blank lines or indentation reduce to the
 * same text, so a solution with one comment changed is still recognised as the solution.
 */
final class SourceTokens {

  private SourceTokens() {}

  static String of(String source) {
    return squeeze(withoutComments(source));
  }

  /**
   * Each comment replaced by a space (as javac reads {@code a/**}{@code /b}: two tokens); literals
   * kept.
   */
  private static String withoutComments(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (source.startsWith("//", i)) {
        int end = source.indexOf('\n', i);
        i = end < 0 ? source.length() : end;
        out.append(' ');
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        i = end < 0 ? source.length() : end + 2;
        out.append(' ');
      } else if (c == '"' || c == '\'') {
        int end = literalEnd(source, i);
        out.append(source, i, end);
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Whitespace outside literals dropped, but for one space between two words ({@code int x}). */
  private static String squeeze(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (c == '"' || c == '\'') {
        int end = literalEnd(source, i);
        out.append(source, i, end);
        i = end;
      } else if (Character.isWhitespace(c)) {
        while (i < source.length() && Character.isWhitespace(source.charAt(i))) {
          i++;
        }
        if (out.length() > 0
            && i < source.length()
            && Character.isJavaIdentifierPart(out.charAt(out.length() - 1))
            && Character.isJavaIdentifierPart(source.charAt(i))) {
          out.append(' ');
        }
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Where the string, text block or char literal starting at {@code start} ends (exclusive). */
  private static int literalEnd(String s, int start) {
    char quote = s.charAt(start);
    boolean block = quote == '"' && s.startsWith("\"\"\"", start);
    int i = start + (block ? 3 : 1);
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (block ? s.startsWith("\"\"\"", i) : c == quote) {
        return i + (block ? 3 : 1);
      } else if (!block && c == '\n') {
        return i; // an unclosed literal: the line ends it
      } else {
        i++;
      }
    }
    return s.length();
  }
}
