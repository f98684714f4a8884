/**
 * The {@code ntplab} command line: one picocli class per verb, registered in {@link
 * org.ntplab.cli.Main}, which alone decides exit codes. The top floor: nothing else imports it.
 */
package org.ntplab.cli;
