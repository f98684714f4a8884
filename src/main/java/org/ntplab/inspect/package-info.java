/**
 * What a packet says, for people: the annotated hexdump, the raw dump, the JSON view, the timing
 * diagram, and the wording of every field ({@link org.ntplab.inspect.Meanings}). Pure: no I/O but a
 * writer.
 */
package org.ntplab.inspect;
