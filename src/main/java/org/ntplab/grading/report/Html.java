package org.ntplab.grading.report;

/** HTML text: what the student's code said is shown as text, never read as markup. */
final class Html {

  private Html() {}

  /**
   * {@code text} with {@code & < > " '} as entities: safe in an element and in a quoted attribute.
   */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
