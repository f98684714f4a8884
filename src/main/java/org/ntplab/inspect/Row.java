package org.ntplab.inspect;

/**
 * One line of the annotated hexdump before layout: the word it starts (offset and up to 4 bytes) or
 * none for a further field of the same word, then field, raw value and meaning.
 *
 * @param offset byte offset of the word, or -1 on a line that continues the word above
 * @param bytes the word's bytes (fewer than 4 for a trailing partial word), empty when continuing
 * @param problem whether value and meaning are something the reader must not miss
 */
record Row(int offset, byte[] bytes, String field, String value, String meaning, boolean problem) {

  boolean startsWord() {
    return offset >= 0;
  }
}
